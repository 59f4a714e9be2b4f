import type {
  AccessLogFilter,
  ComputerLog,
  MergedAccessEntry,
  MergedAccessLogQuery
} from '../../shared/domain/access-log'
import { RuleError } from '../../shared/result'
import { entryMatches } from '../../shared/rules/access-log-filter'
import { verifyEntries } from '../sync/machine-logs'
import type { SyncService } from '../sync/service'
import { clinicDate } from '../../shared/rules/dates'
import type { ServiceContext } from './context'
import { exportedFileDetail } from './exports'

/** At most this many entries are sent to the screen at once; the export has them all. */
export const ENTRIES_SHOWN = 500

/**
 * The access log for administrators: newest first, filtered, with whether its chain holds.
 * Looking is the on-demand check of the whole chain (the log opens checking only its tail).
 */
export async function accessLogEntries(ctx: ServiceContext, filter: AccessLogFilter) {
  const verdict = await ctx.accessLog.verifyWhole()
  const entries = ctx.accessLog.entries(filter)
  return {
    entries: entries.slice(0, ENTRIES_SHOWN),
    total: entries.length,
    intact: verdict.intact,
    problem: verdict.intact
      ? null
      : `The log has been changed or damaged at entry ${verdict.firstBadSeq}: ${verdict.reason}`
  }
}

/**
 * Every computer's access log merged by time, newest first, each entry with the computer it
 * was written on, and each computer's chain checked on its own: a break in one is reported for
 * that one. This computer's log is read and checked as `accessLogEntries` does; the others' as
 * they arrived (sync not in use: this computer's alone).
 */
export async function mergedAccessLog(
  ctx: ServiceContext,
  query: MergedAccessLogQuery,
  sync: SyncService | null
) {
  const zone = ctx.registry.data.clinic?.timeZone ?? 'UTC'
  const verdict = await ctx.accessLog.verifyWhole()
  const logs = sync ? await sync.accessLogs() : []
  const here = logs[0] ?? { machineId: 'this-computer', machineName: 'This computer' }
  const local = ctx.accessLog.entries(query.filter)
  const computers: ComputerLog[] = [
    {
      computerId: here.machineId,
      computer: here.machineName,
      here: true,
      entries: ctx.accessLog.entries().length,
      intact: verdict.intact,
      problem: verdict.intact
        ? null
        : `The log has been changed or damaged at entry ${verdict.firstBadSeq}: ${verdict.reason}`
    }
  ]
  // Each computer's entries newest first, in the order its own log has them (a clock set back
  // never reorders one computer's log); merged by time across computers.
  const lists: MergedAccessEntry[][] = []
  const wanted = (id: string) => query.computerId === undefined || query.computerId === id
  if (wanted(here.machineId)) {
    lists.push(local.map((e) => ({ ...e, computerId: here.machineId, computer: here.machineName })))
  }
  for (const log of logs.slice(1)) {
    const checked = verifyEntries(log.entries)
    computers.push({
      computerId: log.machineId,
      computer: log.machineName,
      here: false,
      entries: log.entries.length,
      intact: checked.intact,
      problem: checked.intact
        ? null
        : `The log of “${log.machineName}” has been changed or damaged at entry ${checked.firstBadSeq}: ${checked.reason}`
    })
    if (!wanted(log.machineId)) continue
    const matching: MergedAccessEntry[] = []
    for (let i = log.entries.length - 1; i >= 0; i--) {
      const entry = log.entries[i]!
      if (entryMatches(entry, query.filter, zone)) {
        matching.push({ ...entry, computerId: log.machineId, computer: log.machineName })
      }
    }
    lists.push(matching)
  }
  if (query.computerId !== undefined && !computers.some((c) => c.computerId === query.computerId)) {
    throw new RuleError('not_found', 'That computer has not been heard from.')
  }
  const merged = mergeNewestFirst(lists)
  return { entries: merged.slice(0, ENTRIES_SHOWN), total: merged.length, computers }
}

/** Lists each newest first, merged into one: the newer head first, the earlier list's on a tie. */
function mergeNewestFirst(lists: MergedAccessEntry[][]): MergedAccessEntry[] {
  const at = lists.map(() => 0)
  const merged: MergedAccessEntry[] = []
  for (;;) {
    let pick = -1
    for (const [i, list] of lists.entries()) {
      const head = list[at[i]!]
      if (head && (pick < 0 || head.at > lists[pick]![at[pick]!]!.at)) pick = i
    }
    if (pick < 0) return merged
    merged.push(lists[pick]![at[pick]!++]!)
  }
}

/** The whole log exactly as written, for the clinic's compliance officer. */
export async function accessLogExport(ctx: ServiceContext, withPassword: boolean) {
  const day = clinicDate(ctx.now(), ctx.registry.data.clinic?.timeZone ?? 'UTC')
  await ctx.accessLog.append({
    staffId: ctx.actor?.id ?? null,
    staffName: ctx.actor ? `${ctx.actor.fullName}, ${ctx.actor.credentials}` : '',
    action: 'export',
    subject: 'access log',
    detail: exportedFileDetail(withPassword)
  })
  return { fileName: `access-log-${day}.jsonl`, text: await ctx.accessLog.exportText() }
}

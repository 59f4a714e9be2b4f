import type { AccessLogFilter } from '../../shared/domain/access-log'
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

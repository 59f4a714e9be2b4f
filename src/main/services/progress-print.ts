import { INSTRUMENTS } from '../../shared/measures/instruments'
import { renderProgressHtml, type InstrumentInfo } from '../../shared/progress/print'
import { isoNow, type ServiceContext } from './context'
import { participantCoverage } from './coverage'
import { progressOf } from './progress'

/** The printable progress summary of one participant: figures, charts, coverage, goals. */
export async function printableProgress(
  ctx: ServiceContext,
  participantId: string
): Promise<string> {
  const progress = await progressOf(ctx, participantId)
  const registry = ctx.registry.data
  const participant = registry.participants.find((p) => p.id === participantId)!
  const instruments: Record<string, InstrumentInfo> = {}
  for (const instrument of Object.values(INSTRUMENTS)) {
    instruments[instrument.id] = {
      name: instrument.name,
      min: instrument.min,
      max: instrument.max,
      bands: instrument.bands
    }
  }
  return renderProgressHtml({
    clinic: { name: registry.clinic?.name ?? '', timeZone: registry.clinic?.timeZone ?? 'UTC' },
    progress,
    coverage: participantCoverage(ctx, participantId),
    instruments,
    substanceUseRecord: participant.track !== 'mental_health',
    printedAt: isoNow(ctx)
  })
}

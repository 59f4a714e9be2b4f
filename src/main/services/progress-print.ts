import { MEASURE_INFO } from '../../shared/measures/instruments'
import { part2NoticeApplies } from '../../shared/consent/validity'
import { renderProgressHtml, type InstrumentInfo } from '../../shared/progress/print'
import { isoNow, type ServiceContext } from './context'
import { participantCoverage } from './coverage'
import { progressOf } from './progress'
import { consentForDisclosure, hasConsentOnFile } from './consents'

/**
 * The printable progress summary of one participant: figures, charts,
 * coverage, goals. With a consent chosen, it is printed for that consent's
 * recipient, only under a current consent that covers progress summaries.
 */
export async function printableProgress(
  ctx: ServiceContext,
  participantId: string,
  consentId: string | null = null
): Promise<string> {
  const consent = consentForDisclosure(ctx, {
    consentId,
    participantId,
    record: 'progress_summary'
  })
  const progress = await progressOf(ctx, participantId)
  const registry = ctx.registry.data
  const participant = registry.participants.find((p) => p.id === participantId)!
  const instruments: Record<string, InstrumentInfo> = {}
  for (const instrument of Object.values(MEASURE_INFO)) {
    instruments[instrument.id] = {
      name: instrument.name,
      min: instrument.min,
      max: instrument.max,
      bands: instrument.bands
    }
  }
  return renderProgressHtml({
    clinic: {
      name: registry.clinic?.name ?? '',
      timeZone: registry.clinic?.timeZone ?? 'UTC',
      timeFormat: registry.clinic?.timeFormat ?? '24h'
    },
    progress,
    coverage: participantCoverage(ctx, participantId),
    instruments,
    substanceUseRecord: part2NoticeApplies({
      disclosed: consent !== null,
      participantTrack: participant.track,
      hasConsentOnFile: hasConsentOnFile(ctx, participantId)
    }),
    disclosure: consent,
    printedAt: isoNow(ctx)
  })
}

import { renderNotesHtml } from '../../shared/notes/print'
import { part2NoticeApplies } from '../../shared/consent/validity'
import type { Consent } from '../../shared/domain/consent'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'
import { sessionNotes } from './notes'
import { consentForDisclosure, hasConsentOnFile } from './consents'

/**
 * The printable document for one note or every written note of a session.
 * With a consent chosen, it is printed for that consent's recipient: only one
 * participant's note, only under a current consent that covers notes, with
 * the consent's scope at the top; without one it is for the chart.
 */
export async function printableNotes(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string | null; consentId?: string | null | undefined }
): Promise<string> {
  let consent: Consent | null = null
  if (input.consentId !== null && input.consentId !== undefined) {
    if (input.participantId === null) {
      throw new RuleError(
        'invalid_input',
        "A disclosure is one participant's record under their own consent: print their note on its own."
      )
    }
    consent = consentForDisclosure(ctx, {
      consentId: input.consentId,
      participantId: input.participantId,
      record: 'progress_notes'
    })
  }
  const data = await sessionNotes(ctx, input.sessionId)
  const registry = ctx.registry.data
  const chosen = data.participants.filter(
    (p) => p.note && (input.participantId === null || p.participantId === input.participantId)
  )
  if (chosen.length === 0) throw new RuleError('not_found', 'There is no written note to print.')
  if (consent && chosen.some((p) => p.note!.state === 'draft')) {
    throw new RuleError(
      'conflict',
      'This note is still a draft: only a signed note is sent to someone outside the program.'
    )
  }
  // The notice follows each participant's own record and consent, not the group's track.
  const part2 = chosen.some((p) => {
    const person = registry.participants.find((x) => x.id === p.participantId)
    return part2NoticeApplies({
      disclosed: consent !== null,
      participantTrack: person?.track ?? 'substance_use',
      hasConsentOnFile: hasConsentOnFile(ctx, p.participantId)
    })
  })
  return renderNotesHtml({
    clinic: {
      name: registry.clinic?.name ?? '',
      timeZone: registry.clinic?.timeZone ?? 'UTC',
      timeFormat: registry.clinic?.timeFormat ?? '24h'
    },
    session: {
      groupName: data.groupName,
      date: data.date,
      startedAt: data.startedAt,
      endedAt: data.endedAt,
      presentCount: data.presentCount,
      modules: data.modules,
      facilitators: data.facilitators
    },
    groupPart: data.groupPart,
    notes: chosen.map((p) => {
      const person = registry.participants.find((x) => x.id === p.participantId)
      return {
        participant: {
          displayName: p.displayName,
          fullName: p.fullName,
          clientId: p.clientId,
          dateOfBirth: person?.dateOfBirth ?? ''
        },
        note: p.note!,
        goals: p.goals.map((g) => ({ id: g.id, text: g.text })),
        attendance: {
          status: p.attendance.status,
          timeIn: p.attendance.timeIn,
          timeOut: p.attendance.timeOut,
          countableMinutes: p.attendance.countableMinutes,
          late: p.attendance.late,
          leftEarly: p.attendance.leftEarly
        },
        measures: p.measures,
        safety: p.safety
      }
    }),
    substanceUseRecord: part2,
    disclosure: consent,
    printedAt: isoNow(ctx)
  })
}

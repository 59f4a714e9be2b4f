import { renderNotesHtml } from '../../shared/notes/print'
import { RuleError } from '../../shared/result'
import { isoNow, type ServiceContext } from './context'
import { sessionNotes } from './notes'

/** The printable document for one note or every written note of a session. */
export async function printableNotes(
  ctx: ServiceContext,
  input: { sessionId: string; participantId: string | null }
): Promise<string> {
  const data = await sessionNotes(ctx, input.sessionId)
  const registry = ctx.registry.data
  const chosen = data.participants.filter(
    (p) => p.note && (input.participantId === null || p.participantId === input.participantId)
  )
  if (chosen.length === 0) throw new RuleError('not_found', 'There is no written note to print.')
  const group = registry.groups.find((g) => g.id === data.groupId)
  return renderNotesHtml({
    clinic: { name: registry.clinic?.name ?? '', timeZone: registry.clinic?.timeZone ?? 'UTC' },
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
    // Substance-use and co-occurring tracks are Part 2 records: the notice goes on every page.
    substanceUseRecord: group ? group.track !== 'mental_health' : true,
    printedAt: isoNow(ctx)
  })
}

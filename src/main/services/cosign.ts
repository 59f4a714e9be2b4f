import { displayName } from '../../shared/rules/names'
import { signatureName } from '../../shared/domain/staff'
import type { ServiceContext } from './context'
import { openSession } from './sessions'

export interface CosignRow {
  sessionId: string
  groupName: string
  date: string
  participantId: string
  displayName: string
  clientId: string
  authorId: string
  /** The trainee's signature name: "Name, credentials". */
  author: string
  signedAt: string
  /** The trainee is assigned to the signed-in supervisor; false when they have no supervisor yet. */
  yourTrainee: boolean
}

/**
 * The notes a supervisor owes a co-signature: every note awaiting one whose
 * author is a trainee assigned to them, and those of trainees nobody has been
 * assigned to yet (so no note waits unseen). Only the few sessions the
 * registry's index shows with a note awaiting co-signature are opened.
 * Anyone who is not a supervisor owes none.
 */
export async function cosignList(ctx: ServiceContext): Promise<CosignRow[]> {
  const me = ctx.actor
  if (!me || me.role !== 'supervisor') return []
  const registry = ctx.registry.data
  const staffById = new Map(registry.staff.map((s) => [s.id, s]))
  const waiting = registry.sessions.filter((s) =>
    Object.values(s.noteStates).includes('awaiting_cosignature')
  )
  const rows: CosignRow[] = []
  for (const entry of waiting) {
    const { data } = await openSession(ctx, entry.id)
    const group = registry.groups.find((g) => g.id === data.groupId)
    for (const note of data.notes) {
      if (note.state !== 'awaiting_cosignature' || !note.signature) continue
      const author = staffById.get(note.signature.staffId)
      const supervisorId = author?.supervisorId ?? null
      if (supervisorId !== null && supervisorId !== me.id) continue
      // A supervisor never co-signs their own note.
      if (note.signature.staffId === me.id) continue
      const person = registry.participants.find((p) => p.id === note.participantId)
      rows.push({
        sessionId: data.id,
        groupName: group?.name ?? '',
        date: data.date,
        participantId: note.participantId,
        displayName: person ? displayName(person) : 'Unknown',
        clientId: person?.clientId ?? '',
        authorId: note.signature.staffId,
        author: author ? signatureName(author) : note.signature.name,
        signedAt: note.signature.at,
        yourTrainee: supervisorId === me.id
      })
    }
  }
  return rows.sort(
    (a, b) => Number(b.yourTrainee) - Number(a.yourTrainee) || a.signedAt.localeCompare(b.signedAt)
  )
}

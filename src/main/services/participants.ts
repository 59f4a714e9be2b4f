import type { ParsedInputOf, ParticipantSummary } from '../../shared/ipc/contract'
import type { Participant } from '../../shared/domain/participant'
import { displayName, sameClientId } from '../../shared/rules/names'
import { RuleError } from '../../shared/result'
import type { Registry } from '../store/registry'
import { isoNow, type ServiceContext } from './context'
import { endConsentsAtDischarge } from './consents'

type ParticipantFields = ParsedInputOf<'participants.create'>

export function listParticipants(ctx: ServiceContext): ParticipantSummary[] {
  const registry = ctx.registry.data
  return registry.participants
    .map((p) => summarise(registry, p))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
}

export function getParticipant(ctx: ServiceContext, participantId: string): ParticipantSummary {
  const registry = ctx.registry.data
  return summarise(registry, findParticipant(registry, participantId))
}

export async function createParticipant(
  ctx: ServiceContext,
  input: ParticipantFields
): Promise<Participant> {
  return ctx.registry.update((registry) => {
    checkParticipant(registry, input, null)
    const at = isoNow(ctx)
    const participant: Participant = { id: ctx.newId(), ...input, createdAt: at, updatedAt: at }
    registry.participants.push(participant)
    return participant
  })
}

export async function updateParticipant(
  ctx: ServiceContext,
  input: { participantId: string; participant: ParticipantFields }
): Promise<Participant> {
  return ctx.registry.update((registry) => {
    const participant = findParticipant(registry, input.participantId)
    checkParticipant(registry, input.participant, participant.id)
    if (input.participant.status === 'discharged' && input.participant.discharge) {
      // Leaving the program ends every open group enrolment on the discharge date.
      const date = input.participant.discharge.date
      for (const enrollment of registry.enrollments) {
        if (enrollment.participantId !== participant.id || enrollment.exitDate !== null) continue
        if (date < enrollment.joinDate) {
          throw new RuleError(
            'conflict',
            `The discharge date is before a group join date (${enrollment.joinDate}).`
          )
        }
        enrollment.exitDate = date
      }
      // ...and every consent that ends at discharge.
      endConsentsAtDischarge(registry, participant.id, date, {
        staffId: ctx.actor?.id ?? 'system',
        at: isoNow(ctx)
      })
    }
    Object.assign(participant, input.participant, { updatedAt: isoNow(ctx) })
    return participant
  })
}

function summarise(registry: Registry, participant: Participant): ParticipantSummary {
  return {
    ...participant,
    displayName: displayName(participant),
    groupIds: registry.enrollments
      .filter((e) => e.participantId === participant.id && e.exitDate === null)
      .map((e) => e.groupId)
  }
}

function findParticipant(registry: Registry, participantId: string): Participant {
  const participant = registry.participants.find((p) => p.id === participantId)
  if (!participant) throw new RuleError('not_found', 'That participant was not found.')
  return participant
}

export function checkParticipant(
  registry: Registry,
  input: ParticipantFields,
  selfId: string | null
) {
  const clash = registry.participants.find(
    (p) => p.id !== selfId && sameClientId(p.clientId, input.clientId)
  )
  if (clash) {
    throw new RuleError(
      'conflict',
      `Client ID ${input.clientId} is already used by another participant. Each participant needs their own client ID.`
    )
  }
  const goalIds = new Set(input.goals.map((g) => g.id))
  if (goalIds.size !== input.goals.length) {
    throw new RuleError('invalid_input', 'Two treatment-plan goals have the same id.')
  }
}

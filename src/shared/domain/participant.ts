import { z } from 'zod'
import { Id, IsoDate, optionalText, requiredText, Timestamp, Track } from './common'

export const GoalStatus = z.enum(['not_started', 'in_progress', 'met', 'revised', 'discontinued'], {
  error: 'Choose a goal status'
})
export type GoalStatus = z.infer<typeof GoalStatus>

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  met: 'Met',
  revised: 'Revised',
  discontinued: 'Discontinued'
}

export const TreatmentGoal = z.strictObject({
  id: Id,
  text: requiredText('Goal', 300),
  status: GoalStatus
})
export type TreatmentGoal = z.infer<typeof TreatmentGoal>

export const DischargeType = z.enum(['completed', 'stepped_down', 'withdrew', 'administrative'], {
  error: 'Choose a discharge type'
})
export type DischargeType = z.infer<typeof DischargeType>

export const DISCHARGE_TYPE_LABELS: Record<DischargeType, string> = {
  completed: 'Completed program',
  stepped_down: 'Stepped down to a lower level of care',
  withdrew: 'Withdrew',
  administrative: 'Administrative discharge'
}

export const Discharge = z.strictObject({
  date: IsoDate,
  type: DischargeType
})
export type Discharge = z.infer<typeof Discharge>

export const ParticipantStatus = z.enum(['active', 'discharged'], {
  error: 'Status is active or discharged'
})
export type ParticipantStatus = z.infer<typeof ParticipantStatus>

export const MAX_GOALS = 12
export const MAX_NICKNAMES = 6

export const ParticipantInput = z
  .strictObject({
    fullName: requiredText('Full name', 120),
    preferredName: optionalText('Preferred name', 60),
    /** Other names the group uses for the person; the note's name check looks for them too. */
    nicknames: z
      .array(requiredText('Nickname', 40), { error: 'Nicknames must be a list' })
      .max(MAX_NICKNAMES, `${MAX_NICKNAMES} nicknames at most`)
      .default([]),
    clientId: requiredText('Client ID', 40).regex(
      /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
      'Client ID may hold letters, digits and . _ / - only'
    ),
    dateOfBirth: IsoDate,
    admissionDate: IsoDate,
    track: Track,
    status: ParticipantStatus,
    discharge: Discharge.nullable(),
    goals: z
      .array(TreatmentGoal, { error: 'Goals must be a list' })
      .max(MAX_GOALS, `${MAX_GOALS} goals at most; keep the list short`)
  })
  .superRefine((value, ctx) => {
    if (value.dateOfBirth > value.admissionDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['dateOfBirth'],
        message: 'Date of birth must be before the admission date'
      })
    }
    if (value.status === 'discharged' && !value.discharge) {
      ctx.addIssue({
        code: 'custom',
        path: ['discharge'],
        message: 'Enter the discharge date and type'
      })
    }
    if (value.status === 'active' && value.discharge) {
      ctx.addIssue({
        code: 'custom',
        path: ['discharge'],
        message: 'An active participant has no discharge'
      })
    }
    if (value.discharge && value.discharge.date < value.admissionDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['discharge', 'date'],
        message: 'Discharge date cannot be before the admission date'
      })
    }
  })
export type ParticipantInput = z.input<typeof ParticipantInput>

export const Participant = z.object({
  id: Id,
  fullName: z.string(),
  preferredName: z.string(),
  /** Absent in files written before nicknames were recorded: none. */
  nicknames: z.array(z.string()).optional(),
  clientId: z.string(),
  dateOfBirth: IsoDate,
  admissionDate: IsoDate,
  track: Track,
  status: ParticipantStatus,
  discharge: Discharge.nullable(),
  goals: z.array(TreatmentGoal),
  createdAt: Timestamp,
  updatedAt: Timestamp
})
export type Participant = z.infer<typeof Participant>

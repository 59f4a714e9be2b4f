import { weakPassphraseReason } from '../../shared/rules/passphrase'
import type { ClinicInput, Clinic } from '../../shared/domain/clinic'
import type { Staff, StaffInput, StoredStaff } from '../../shared/domain/staff'
import type { RegistryStaff } from '../store/registry'
import { RuleError } from '../../shared/result'
import { isoNow, toStaff, type ServiceContext } from './context'
import { hashPassphrase, verifyPassphrase } from './passphrase'

export async function completeSetup(
  ctx: ServiceContext,
  input: { clinic: ClinicInput; staff: StaffInput }
): Promise<StoredStaff> {
  if (ctx.registry.data.clinic) {
    throw new RuleError('already_set_up', 'This clinic is already set up. Sign in instead.')
  }
  const passphrase = await hashPassphrase(input.staff.passphrase)
  const wrapped = ctx.keys ? await ctx.keys.wrap(input.staff.passphrase) : undefined
  const keys = ctx.keys?.setup() ?? null
  const at = isoNow(ctx)
  const first: RegistryStaff = {
    id: ctx.newId(),
    fullName: input.staff.fullName,
    credentials: input.staff.credentials,
    role: input.staff.role,
    // The first person must be able to add everyone else.
    isAdmin: true,
    active: true,
    createdAt: at,
    disabledAt: null,
    supervisorId: null,
    passphrase,
    ...(wrapped ? { wrapped } : {})
  }
  // One write: the clinic, its keys and its first administrator with their copy of the key.
  await ctx.registry.update((registry) => {
    if (registry.clinic) {
      throw new RuleError('already_set_up', 'This clinic is already set up. Sign in instead.')
    }
    registry.clinic = {
      name: input.clinic.name,
      timeZone: input.clinic.timeZone,
      timeFormat: input.clinic.timeFormat ?? '24h',
      createdAt: at
    }
    if (keys) registry.keys = keys
    registry.staff.push(first)
  })
  return first
}

export function directory(ctx: ServiceContext) {
  return ctx.registry.data.staff
    .filter((s) => s.active)
    .map((s) => ({ id: s.id, fullName: s.fullName, credentials: s.credentials }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName))
}

export async function signIn(
  ctx: ServiceContext,
  input: { staffId: string; passphrase: string }
): Promise<StoredStaff> {
  if (!ctx.registry.data.clinic) {
    throw new RuleError('setup_required', 'Set up the clinic first.')
  }
  const staff = ctx.registry.data.staff.find((s) => s.id === input.staffId)
  // Check the passphrase even for an unknown id, so timing tells nothing.
  const matches = staff
    ? ctx.passphraseProvenFor === staff.id ||
      (await verifyPassphrase(input.passphrase, staff.passphrase))
    : await hashPassphrase(input.passphrase).then(() => false)
  if (!staff || !matches) {
    throw new RuleError('wrong_passphrase', 'That passphrase is not right. Check it and try again.')
  }
  if (!staff.active) {
    throw new RuleError(
      'staff_disabled',
      'This staff account is disabled. Ask an administrator to enable it.'
    )
  }
  return staff
}

/**
 * An administrator sets a new passphrase for someone who forgot theirs: the
 * old one stops working at once; nothing they wrote or signed changes.
 */
export async function resetPassphrase(
  ctx: ServiceContext,
  input: { staffId: string; passphrase: string }
): Promise<Staff> {
  const staff = ctx.registry.data.staff.find((s) => s.id === input.staffId)
  if (!staff) throw new RuleError('not_found', 'That staff member was not found.')
  const reason = weakPassphraseReason(input.passphrase, [staff.fullName])
  if (reason) throw new RuleError('invalid_input', `${reason}.`)
  const passphrase = await hashPassphrase(input.passphrase)
  const wrapped = ctx.keys ? await ctx.keys.wrap(input.passphrase) : undefined
  // The passphrase and the copy of the key it wraps change in one write.
  await ctx.registry.update((draft) => {
    const target = draft.staff.find((s) => s.id === input.staffId)!
    target.passphrase = passphrase
    if (wrapped && target.active) target.wrapped = wrapped
  })
  return toStaff(ctx.registry.data.staff.find((s) => s.id === input.staffId)!)
}

export function listStaff(ctx: ServiceContext): Staff[] {
  return ctx.registry.data.staff.map(toStaff).sort((a, b) => a.fullName.localeCompare(b.fullName))
}

export async function createStaff(ctx: ServiceContext, input: StaffInput): Promise<Staff> {
  const passphrase = await hashPassphrase(input.passphrase)
  const wrapped = ctx.keys ? await ctx.keys.wrap(input.passphrase) : undefined
  const staff: RegistryStaff = {
    id: ctx.newId(),
    fullName: input.fullName,
    credentials: input.credentials,
    role: input.role,
    isAdmin: input.isAdmin,
    active: true,
    createdAt: isoNow(ctx),
    disabledAt: null,
    supervisorId: null,
    passphrase,
    ...(wrapped ? { wrapped } : {})
  }
  await ctx.registry.update((registry) => {
    registry.staff.push(staff)
  })
  return toStaff(staff)
}

export async function setStaffActive(
  ctx: ServiceContext,
  input: { staffId: string; active: boolean }
): Promise<Staff> {
  return ctx.registry.update((registry) => {
    const staff = registry.staff.find((s) => s.id === input.staffId)
    if (!staff) throw new RuleError('not_found', 'That staff member was not found.')
    if (!input.active) {
      if (ctx.actor?.id === staff.id) {
        throw new RuleError('conflict', 'You cannot disable your own account while signed in.')
      }
      const otherAdmins = registry.staff.filter((s) => s.isAdmin && s.active && s.id !== staff.id)
      if (staff.isAdmin && otherAdmins.length === 0) {
        throw new RuleError('conflict', 'At least one active administrator must remain.')
      }
    }
    staff.active = input.active
    staff.disabledAt = input.active ? null : isoNow(ctx)
    // Revoked at once: their copy of the data key leaves the keyring with this same write.
    // Enabled again, they sign in once an administrator has set them a new passphrase.
    if (!input.active) delete staff.wrapped
    return toStaff(staff)
  })
}

export async function updateClinic(ctx: ServiceContext, input: ClinicInput): Promise<Clinic> {
  return ctx.registry.update((registry) => {
    if (!registry.clinic) throw new RuleError('setup_required', 'Set up the clinic first.')
    registry.clinic = {
      ...registry.clinic,
      name: input.name,
      timeZone: input.timeZone,
      timeFormat: input.timeFormat ?? '24h'
    }
    return registry.clinic
  })
}

/**
 * Assigns a counselor-in-training to the supervisor who co-signs their notes,
 * or removes the assignment. Only a trainee has a supervisor, and only an
 * active supervisor (never the trainee themself) can be one.
 */
export async function setSupervisor(
  ctx: ServiceContext,
  input: { staffId: string; supervisorId: string | null }
): Promise<Staff> {
  return ctx.registry.update((registry) => {
    const trainee = registry.staff.find((s) => s.id === input.staffId)
    if (!trainee) throw new RuleError('not_found', 'That staff member was not found.')
    if (input.supervisorId !== null) {
      if (trainee.role !== 'counselor_in_training') {
        throw new RuleError(
          'invalid_input',
          'Only a counselor-in-training is assigned a supervisor; change their role first.'
        )
      }
      const supervisor = registry.staff.find((s) => s.id === input.supervisorId)
      if (!supervisor) throw new RuleError('not_found', 'That supervisor was not found.')
      if (supervisor.id === trainee.id) {
        throw new RuleError('invalid_input', 'A trainee cannot supervise themself.')
      }
      if (supervisor.role !== 'supervisor' || !supervisor.active) {
        throw new RuleError(
          'invalid_input',
          `${supervisor.fullName} is not an active supervisor; choose someone with the supervisor role.`
        )
      }
    }
    trainee.supervisorId = input.supervisorId
    return toStaff(trainee)
  })
}

import type { ServiceCode } from '../../shared/domain/billing'
import {
  attendanceRequirement,
  defaultServiceCode,
  type AttendanceRequirement
} from '../../shared/rules/requirements'
import type { AttendanceSettings } from '../../shared/session'
import type { ServiceContext } from './context'

/** The code a group's days are billed under: the one chosen for it, or its track's default. */
export function serviceCodeFor(ctx: ServiceContext, groupId: string): ServiceCode {
  const registry = ctx.registry.data
  const chosen = registry.serviceCodes.find((c) => c.groupId === groupId)?.code
  if (chosen) return chosen
  const group = registry.groups.find((g) => g.id === groupId)
  return defaultServiceCode(group?.track ?? 'substance_use')
}

/** What a day and a week in this group must reach (rules/requirements.ts). */
export function requirementFor(ctx: ServiceContext, groupId: string): AttendanceRequirement {
  const registry = ctx.registry.data
  const group = registry.groups.find((g) => g.id === groupId)
  return attendanceRequirement(
    { track: group?.track ?? 'substance_use', ageGroup: group?.ageGroup ?? 'adult' },
    serviceCodeFor(ctx, groupId),
    registry.sessionSettings
  )
}

/** The settings `attendanceFigures` reads for one group's session. */
export function figureSettingsFor(ctx: ServiceContext, groupId: string): AttendanceSettings {
  const settings = ctx.registry.data.sessionSettings
  return {
    dailyMinimumMinutes: requirementFor(ctx, groupId).dailyMinimumMinutes ?? 0,
    lateAfterMinutes: settings.lateAfterMinutes,
    wrapUpMinutes: settings.wrapUpMinutes
  }
}

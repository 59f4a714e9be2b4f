import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden
} from '@mantine/core'
import { Link } from 'react-router'
import type { HomeDay } from '../../../../shared/ipc/contract'

export interface NextStep {
  id: string
  label: string
  /** What the step is for, in a line. */
  hint: string
  done: boolean
  optional?: boolean
  to: string
  action: string
}

/** A new clinic's way from an empty folder to a running group, ticked off by the records. */
export function nextSteps(day: HomeDay): NextStep[] {
  const { setup } = day
  const group = setup.firstGroupId ? `/groups/${setup.firstGroupId}` : '/groups/new'
  const today = day.todays.find((s) => s.status === 'planned' || s.status === 'running')
  return [
    {
      id: 'staff',
      label: 'Add your staff',
      hint: 'Counselors and supervisors who lead groups or sign notes. You can do this later.',
      done: setup.staff > 1,
      optional: true,
      to: '/settings/staff',
      action: 'Add staff'
    },
    {
      id: 'group',
      label: 'Create a group',
      hint: 'Its track, meeting days, start time and who leads it.',
      done: setup.groups > 0,
      to: '/groups/new',
      action: 'Create a group'
    },
    {
      id: 'participants',
      label: 'Enrol participants',
      hint: 'Paste a list or import a spreadsheet; you see every row before it is saved.',
      done: setup.enrolled > 0,
      to: setup.firstGroupId ? `${group}/enrol` : '/groups/new',
      action: 'Enrol participants'
    },
    {
      id: 'plan',
      label: 'Plan a session',
      hint: 'Today’s date, the facilitators and the agenda are filled in; change what differs.',
      done: setup.planned > 0,
      to: setup.firstGroupId ? `${group}/sessions/new` : '/groups/new',
      action: 'Plan a session'
    },
    {
      id: 'run',
      label: 'Run the session',
      hint: 'Open the running screen when the group arrives.',
      done: setup.run > 0,
      to: today ? `/sessions/${today.sessionId}` : group,
      action: 'Open the session'
    }
  ]
}

/** Shown until every step a clinic needs is done; the optional ones do not hold it open. */
export function NextSteps({ day }: { day: HomeDay }) {
  const steps = nextSteps(day)
  const needed = steps.filter((s) => !s.optional)
  if (needed.every((s) => s.done)) return null
  const doneCount = steps.filter((s) => s.done).length
  const next = steps.find((s) => !s.done && !s.optional) ?? null
  return (
    <Card withBorder component="section" aria-labelledby="next-steps-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="next-steps-title">
          Next steps
        </Title>
        <Text size="sm" c="dimmed">
          {doneCount} of {steps.length} done
        </Text>
      </Group>
      <Progress
        value={(doneCount / steps.length) * 100}
        mb="md"
        aria-label={`${doneCount} of ${steps.length} steps done`}
      />
      <Stack
        component="ol"
        gap="sm"
        m={0}
        p={0}
        aria-label="Next steps"
        style={{ listStyle: 'none' }}
      >
        {steps.map((step, index) => (
          <Group component="li" key={step.id} gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon
              size={26}
              radius="xl"
              color={step.done ? 'teal' : 'gray'}
              variant={step.done ? 'filled' : 'light'}
              aria-hidden
            >
              {step.done ? '✓' : index + 1}
            </ThemeIcon>
            <div style={{ flex: 1 }}>
              <Text fw={600} td={step.done ? 'line-through' : undefined}>
                {step.label}
                {step.optional && (
                  <Badge ml="xs" variant="light" color="gray" size="sm">
                    optional
                  </Badge>
                )}
                {step.done && <VisuallyHidden>: done</VisuallyHidden>}
              </Text>
              <Text size="sm" c="dimmed">
                {step.done ? 'Done.' : step.hint}
              </Text>
            </div>
            {/* Only the next step (and an optional one) can be taken now: the rest wait their turn. */}
            {!step.done && (step === next || step.optional) && (
              <Button
                component={Link}
                to={step.to}
                size="sm"
                variant={step === next ? 'filled' : 'default'}
              >
                {step.action}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  )
}

/**
 * Elsewhere than Home, while a new clinic is setting up: the next step, one
 * click away, so nobody has to go back to Home to find it.
 */
export function NextStepBar({ day, pathname }: { day: HomeDay; pathname: string }) {
  const steps = nextSteps(day)
  if (steps.filter((s) => !s.optional).every((s) => s.done)) return null
  const next = steps.find((s) => !s.done && !s.optional)
  if (!next || next.to === pathname) return null
  return (
    <Card
      withBorder
      padding="xs"
      component="section"
      aria-label="Next step"
      bg="var(--mantine-color-teal-0)"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          <strong>Next step:</strong> {next.label}. {next.hint}
        </Text>
        <Button component={Link} to={next.to} size="xs">
          {next.action}
        </Button>
      </Group>
    </Card>
  )
}

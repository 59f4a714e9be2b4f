import { Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { ADMISSION_LABELS, AGE_GROUP_LABELS } from '../../../../shared/domain/group'
import { api, unwrap } from '../../api'
import { keys, useParticipants, useStaffList } from '../../app/queries'
import { useToday } from '../../app/useToday'
import { useTimeFormat } from '../../app/clinicTime'
import { ErrorNotice } from '../../components/ErrorNotice'
import { meetingLabel, trackLabel } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'
import { GroupSessions } from '../sessions/GroupSessions'
import { GroupCycle } from '../curriculum/GroupCycle'
import { GroupNoteFormat } from '../notes/GroupNoteFormat'
import { GroupDashboard } from '../progress/GroupDashboard'
import { EndEnrolmentButton } from './EndEnrolmentButton'
import { EnrolForm } from './EnrolForm'
import { RosterTable } from './RosterTable'
import { isolate } from '../../../../shared/rules/bidi'

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{children}</Text>
    </div>
  )
}

export function GroupPage() {
  const { groupId = '' } = useParams()
  const today = useToday()
  const timeFormat = useTimeFormat()
  const group = useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => unwrap(api().groups.get({ groupId }))
  })
  const roster = useQuery({
    queryKey: keys.roster(groupId),
    queryFn: () => unwrap(api().groups.roster({ groupId }))
  })
  const participants = useParticipants()
  const staff = useStaffList()

  if (group.isError) return <ErrorNotice error={group.error} />
  if (group.isPending) return <Loader aria-label="Loading the group" />
  const g = group.data
  const facilitators = (staff.data ?? [])
    .filter((s) => g.facilitatorIds.includes(s.id))
    .map((s) => `${isolate(s.fullName)}, ${s.credentials}`)
  const onRoster = new Set(roster.data?.current.map((e) => e.participantId) ?? [])
  const candidates = (participants.data ?? []).filter(
    (p) => p.status === 'active' && !onRoster.has(p.id)
  )

  return (
    <>
      <PageHeader
        title={g.name}
        description={`${trackLabel(g.track)} · ${AGE_GROUP_LABELS[g.ageGroup]} · ${ADMISSION_LABELS[g.admission]}`}
        actions={
          <>
            <Button variant="default" component={Link} to={`/groups/${g.id}/enrol`}>
              Enrol a list
            </Button>
            <Button variant="default" component={Link} to={`/groups/${g.id}/edit`}>
              Edit group
            </Button>
          </>
        }
      />
      <Card withBorder mb="lg">
        <SimpleGrid cols={4}>
          <Fact label="Meets">{meetingLabel(g.meetingDays, g.startTime, timeFormat)}</Fact>
          <Fact label="Session length">{g.defaultMinutes} minutes</Fact>
          <Fact label="Capacity">{g.capacity}</Fact>
          <Fact label="Facilitators">
            {facilitators.length ? facilitators.join('; ') : 'None chosen'}
          </Fact>
        </SimpleGrid>
      </Card>
      <GroupDashboard groupId={g.id} />
      <ErrorNotice error={roster.error} />
      {roster.data && (
        <Stack gap="lg">
          <section aria-labelledby="current-roster">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h3" id="current-roster">
                Current roster
              </Title>
              <Text fw={600} aria-live="polite">
                {roster.data.current.length} enrolled · {roster.data.openPlaces} open{' '}
                {roster.data.openPlaces === 1 ? 'place' : 'places'}
              </Text>
            </Group>
            <RosterTable
              label="Current roster"
              entries={roster.data.current}
              empty="Nobody is enrolled yet."
              action={(entry) => <EndEnrolmentButton entry={entry} today={today} />}
            />
          </section>
          <Card withBorder>
            <EnrolForm
              groupId={g.id}
              candidates={candidates}
              today={today}
              full={roster.data.openPlaces === 0}
            />
          </Card>
          <section aria-labelledby="past-members">
            <Title order={2} size="h3" id="past-members" mb="xs">
              Past members
            </Title>
            <RosterTable
              label="Past members"
              entries={roster.data.past}
              empty="No past members yet."
            />
          </section>
        </Stack>
      )}
      <Stack gap="lg" mt="lg">
        <GroupCycle groupId={g.id} />
        <GroupNoteFormat groupId={g.id} />
      </Stack>
      <GroupSessions groupId={g.id} />
    </>
  )
}

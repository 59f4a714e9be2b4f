import { Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import type { Staff } from '../../../../shared/domain/staff'
import { useGroups, useParticipants } from '../../app/queries'
import { PageHeader } from '../../components/PageHeader'
import { useNotesOwed } from '../notes/NotesPage'
import { useCosignList } from '../notes/CosignPage'
import { MeasuresDue } from '../progress/MeasuresDue'
import { FollowUpsCard } from '../followups/FollowUpsCard'

function Figure({
  label,
  value,
  to,
  action
}: {
  label: string
  value: number | string
  to: string
  action: string
}) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Title order={2} size="h1">
        {value}
      </Title>
      <Button variant="light" size="xs" mt="sm" component={Link} to={to}>
        {action}
      </Button>
    </Card>
  )
}

export function HomePage({ staff }: { staff: Staff }) {
  const groups = useGroups()
  const participants = useParticipants()
  const active = (participants.data ?? []).filter((p) => p.status === 'active').length
  const mine = (groups.data ?? []).filter((g) => g.facilitatorIds.includes(staff.id))
  const owed = useNotesOwed(true)
  const notesDue = (owed.data ?? []).reduce((t, r) => t + r.counts.not_started + r.counts.draft, 0)
  // A supervisor also owes co-signatures: their trainees' notes, in any group.
  const isSupervisor = staff.role === 'supervisor'
  const cosign = useCosignList()
  const awaiting = cosign.data?.length ?? 0
  return (
    <>
      <PageHeader
        title={`Welcome, ${staff.fullName.split(' ')[0]}`}
        description="Today at a glance."
      />
      <SimpleGrid cols={{ base: 1, sm: isSupervisor ? 5 : 4 }} mb="lg">
        <Figure
          label="Notes due"
          value={owed.isPending ? '…' : notesDue}
          to="/notes"
          action="Write notes"
        />
        {isSupervisor && (
          <Figure
            label="Awaiting your co-signature"
            value={cosign.isPending ? '…' : awaiting}
            to="/notes/cosign"
            action="Co-sign notes"
          />
        )}
        <Figure
          label="Groups"
          value={groups.data?.length ?? '…'}
          to="/groups"
          action="See groups"
        />
        <Figure
          label="Active participants"
          value={participants.isPending ? '…' : active}
          to="/participants"
          action="See participants"
        />
        <Figure
          label="Groups you facilitate"
          value={groups.isPending ? '…' : mine.length}
          to="/groups"
          action="Open your groups"
        />
      </SimpleGrid>
      <FollowUpsCard />
      <MeasuresDue />
      {mine.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Your groups
          </Title>
          {mine.map((g) => (
            <Group key={g.id} justify="space-between" py={4}>
              <Button variant="subtle" component={Link} to={`/groups/${g.id}`}>
                {g.name}
              </Button>
              <Text size="sm" c="dimmed">
                {g.enrolledCount} of {g.capacity} enrolled
              </Text>
            </Group>
          ))}
        </Card>
      )}
    </>
  )
}

import { Badge, Button, Group, Loader, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import type { ParticipantInput } from '../../../../shared/domain/participant'
import { api, unwrap } from '../../api'
import { keys, useGroups } from '../../app/queries'
import { useToday } from '../../app/useToday'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { ParticipantForm } from './ParticipantForm'
import { CoverageCard } from '../curriculum/CoverageCard'
import { ConsentRecords } from '../consent/ConsentRecords'

export function ParticipantPage() {
  const { participantId = '' } = useParams()
  const today = useToday()
  const groups = useGroups()
  const participant = useQuery({
    queryKey: keys.participant(participantId),
    queryFn: () => unwrap(api().participants.get({ participantId }))
  })
  const save = useMutation({
    mutationFn: (values: ParticipantInput) =>
      unwrap(api().participants.update({ participantId, participant: values })),
    onSuccess: () => notifications.show({ message: 'Participant saved', color: 'teal' })
  })
  if (participant.isError) return <ErrorNotice error={participant.error} />
  if (participant.isPending) return <Loader aria-label="Loading the participant" />
  const p = participant.data
  const inGroups = (groups.data ?? []).filter((g) => p.groupIds.includes(g.id)).map((g) => g.name)
  const initial: ParticipantInput = {
    fullName: p.fullName,
    preferredName: p.preferredName,
    nicknames: p.nicknames ?? [],
    clientId: p.clientId,
    dateOfBirth: p.dateOfBirth,
    admissionDate: p.admissionDate,
    track: p.track,
    status: p.status,
    discharge: p.discharge,
    goals: p.goals
  }
  return (
    <>
      <PageHeader
        title={p.displayName}
        actions={
          <Button component={Link} to={`/participants/${p.id}/progress`}>
            Progress
          </Button>
        }
        description={
          <Group gap="xs" component="span">
            <Text span size="sm">
              <bdi>{p.fullName}</bdi> · Client ID {p.clientId}
            </Text>
            <Badge color={p.status === 'active' ? 'teal' : 'gray'}>
              {p.status === 'active' ? 'Active' : 'Discharged'}
            </Badge>
            <Text span size="sm">
              {inGroups.length ? `Groups: ${inGroups.join(', ')}` : 'Not in a group'}
            </Text>
          </Group>
        }
      />
      <ParticipantForm
        key={p.updatedAt}
        initial={initial}
        today={today}
        submitLabel="Save changes"
        pending={save.isPending}
        error={save.error}
        onSubmit={(values) => save.mutate(values)}
        onCancel={() => window.history.back()}
      />
      <ConsentRecords participantId={p.id} today={today} />
      <CoverageCard participantId={p.id} />
    </>
  )
}

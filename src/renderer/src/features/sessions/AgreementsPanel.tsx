import { Accordion, Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { notifications } from '@mantine/notifications'
import type { SessionView } from '../../../../shared/ipc/contract'
import { agreementsOnProjector } from '../../../../shared/session/agreements'
import { api, messageOf, unwrap } from '../../api'
import { sessionKey, useSessionAction } from './useSession'

const agreementsKey = (sessionId: string) => [...sessionKey(sessionId), 'agreements'] as const

/**
 * The group agreements on the running screen: whether they are on the
 * projector, the words to read aloud, and who present still has to
 * acknowledge the current version (a newcomer, or everyone after a change).
 */
export function AgreementsPanel({ session }: { session: SessionView }) {
  const sessionId = session.id
  const client = useQueryClient()
  // Under the session's key, so every change to the session (a walk-in, attendance) refreshes it.
  const standing = useQuery({
    queryKey: agreementsKey(sessionId),
    queryFn: () => unwrap(api().sessions.agreements({ sessionId }))
  })
  const act = useSessionAction(sessionId)
  const acknowledge = useMutation({
    mutationFn: (participantId: string) =>
      unwrap(api().sessions.acknowledgeAgreements({ sessionId, participantId })),
    onSuccess: (updated) => client.setQueryData(agreementsKey(sessionId), updated),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not recorded', message: messageOf(error) })
  })
  const shown = agreementsOnProjector(session.events)
  const data = standing.data
  if (!data) return null

  const version = data.agreements.version
  const here = new Set(
    session.attendance.filter((a) => a.status === 'present').map((a) => a.participantId)
  )
  const needed = data.people.filter((p) => p.needed && here.has(p.participantId))
  const name = (id: string) =>
    session.people.find((p) => p.participantId === id)?.displayName ?? 'Someone'

  return (
    <Paper withBorder p="md" role="region" aria-label="Group agreements">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={700}>Group agreements</Text>
            <Text size="sm" c="dimmed">
              version {version}
            </Text>
            {shown && (
              <Badge color="blue" leftSection={<span aria-hidden>▣</span>}>
                On the projector
              </Badge>
            )}
          </Group>
          <Button
            size="xs"
            variant={shown ? 'default' : 'light'}
            disabled={act.isPending}
            onClick={() => act.mutate({ type: 'agreements', shown: !shown })}
          >
            {shown ? 'Take them off the projector' : 'Show them on the projector'}
          </Button>
        </Group>
        {needed.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm">Still to acknowledge version {version}:</Text>
            {needed.map((person) => (
              <Group key={person.participantId} gap="xs" justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {name(person.participantId)}
                  </Text>
                  <Badge
                    size="sm"
                    variant="light"
                    color={person.acknowledgedVersion ? 'yellow' : 'grape'}
                  >
                    {person.acknowledgedVersion
                      ? `Changed since version ${person.acknowledgedVersion}`
                      : 'First session: orientation'}
                  </Badge>
                </Group>
                <Button
                  size="compact-sm"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate(person.participantId)}
                  aria-label={`${name(person.participantId)} acknowledged version ${version}`}
                >
                  Acknowledged
                </Button>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            <span aria-hidden>✓ </span>Everyone present has acknowledged version {version}.
          </Text>
        )}
        <Accordion variant="contained" chevronPosition="left">
          <Accordion.Item value="text">
            <Accordion.Control>The agreements, to read aloud</Accordion.Control>
            <Accordion.Panel>
              <List spacing={4} size="sm">
                {data.agreements.items.map((item) => (
                  <List.Item key={item.heading}>
                    <strong>{item.heading}.</strong> {item.text}
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Paper>
  )
}

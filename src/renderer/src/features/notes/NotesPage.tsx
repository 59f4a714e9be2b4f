import { Anchor, Badge, Group, SegmentedControl, Switch, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { api, unwrap } from '../../api'
import { useStatus } from '../../app/queries'
import { useNow } from '../sessions/useNow'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'

export function useNotesOwed(mine: boolean, signedToo = false) {
  return useQuery({
    queryKey: ['notes', 'owed', mine, signedToo],
    queryFn: () => unwrap(api().notes.owed({ mine, signedToo }))
  })
}

/** Every session's notes by state, with when they are due; overdue ones stand out. */
export function NotesPage() {
  const timeFormat = useTimeFormat()
  const [scope, setScope] = useState<'mine' | 'all'>('mine')
  const [signedToo, setSignedToo] = useState(false)
  const owed = useNotesOwed(scope === 'mine', signedToo)
  const status = useStatus()
  const now = useNow(60_000)
  const timeZone = status.data?.clinic?.timeZone ?? 'UTC'
  if (owed.isError) return <ErrorNotice error={owed.error} />
  const rows = owed.data ?? []
  return (
    <>
      <PageHeader
        title="Progress notes"
        description="One note per participant present, written after each session, signed and locked."
        actions={
          <Group gap="md">
            <Switch
              label="Show sessions whose notes are all signed"
              checked={signedToo}
              onChange={(e) => setSignedToo(e.currentTarget.checked)}
            />
            <SegmentedControl
              aria-label="Whose sessions"
              value={scope}
              onChange={(v) => setScope(v as 'mine' | 'all')}
              data={[
                { value: 'mine', label: 'My groups' },
                { value: 'all', label: 'All groups' }
              ]}
            />
          </Group>
        }
      />
      {rows.length === 0 ? (
        <Text c="dimmed">
          {signedToo ? 'No ended sessions yet.' : 'No notes to write or co-sign.'}
        </Text>
      ) : (
        <Table striped aria-label="Notes by session">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Session</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Not started</Table.Th>
              <Table.Th>Draft</Table.Th>
              <Table.Th>Awaiting co-signature</Table.Th>
              <Table.Th>Signed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const open = r.counts.not_started + r.counts.draft
              const overdue = open > 0 && Date.parse(r.dueAt) < now
              return (
                <Table.Tr key={r.sessionId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/sessions/${r.sessionId}/notes`}>
                      {r.groupName} · {r.date}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {clinicDate(Date.parse(r.dueAt), timeZone)}{' '}
                      {clinicTimeOfDay(Date.parse(r.dueAt), timeZone, timeFormat)}
                      {overdue && (
                        <Badge color="red" leftSection={<span aria-hidden>!</span>}>
                          Overdue
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.counts.not_started}</Table.Td>
                  <Table.Td>{r.counts.draft}</Table.Td>
                  <Table.Td>{r.counts.awaiting_cosignature}</Table.Td>
                  <Table.Td>{r.counts.signed}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}

import { Anchor, Badge, Loader, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { api, unwrap } from '../../api'
import { useStatus } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'

export function useCosignList() {
  return useQuery({
    queryKey: ['notes', 'cosign'],
    queryFn: () => unwrap(api().notes.cosignList())
  })
}

/** A supervisor's list: their trainees' signed notes waiting for a co-signature. */
export function CosignPage() {
  const timeFormat = useTimeFormat()
  const list = useCosignList()
  const status = useStatus()
  const timeZone = status.data?.clinic?.timeZone ?? 'UTC'
  if (list.isError) return <ErrorNotice error={list.error} />
  if (!list.data) return <Loader aria-label="Gathering the notes to co-sign" />
  const rows = list.data
  return (
    <>
      <PageHeader
        title="Notes to co-sign"
        description="Notes signed by the counselors-in-training you supervise, waiting for your co-signature. Trainees not yet assigned a supervisor are listed too."
      />
      {rows.length === 0 ? (
        <Text c="dimmed">No notes are waiting for your co-signature.</Text>
      ) : (
        <Table striped aria-label="Notes to co-sign">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Session</Table.Th>
              <Table.Th>Participant</Table.Th>
              <Table.Th>Written by</Table.Th>
              <Table.Th>Signed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.sessionId}-${r.participantId}`}>
                <Table.Td>
                  {r.groupName} · {r.date}
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/sessions/${r.sessionId}/notes?participant=${encodeURIComponent(r.participantId)}`}
                  >
                    <bdi>{r.displayName}</bdi> ({r.clientId})
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {r.author}{' '}
                  {!r.yourTrainee && (
                    <Badge variant="outline" color="gray">
                      No supervisor assigned
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {clinicDate(Date.parse(r.signedAt), timeZone)}{' '}
                  {clinicTimeOfDay(Date.parse(r.signedAt), timeZone, timeFormat)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}

import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Title
} from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useDeferredValue, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { TRACK_LABELS } from '../../../../shared/domain/common'
import type { BulkEnrolResult } from '../../../../shared/domain/bulk-enrol'
import {
  checkEnrolList,
  readEnrolList,
  type CheckedPerson
} from '../../../../shared/rules/bulk-enrol'
import { DateField } from '../../components/DateField'
import { api, unwrap } from '../../api'
import { keys, useGroup, useParticipants } from '../../app/queries'
import { useToday } from '../../app/useToday'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'

/** A CSV from a spreadsheet is small; a file this large is not a list of people. */
const MAX_FILE_BYTES = 1_000_000

const EXAMPLE = 'Jordan Testperson, C-101, 1990-04-12\nCasey Samplewood, C-102, 3/1/1985'

/** Paste a list or import a CSV; every row is checked and shown before anyone is enrolled. */
export function EnrolListPage() {
  const { groupId = '' } = useParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const today = useToday()
  const group = useGroup(groupId)
  const participants = useParticipants()
  const roster = useQuery({
    queryKey: keys.roster(groupId),
    queryFn: () => unwrap(api().groups.roster({ groupId }))
  })
  const [text, setText] = useState('')
  const [joinDate, setJoinDate] = useState<string | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const [result, setResult] = useState<BulkEnrolResult | null>(null)
  const listText = useDeferredValue(text)
  const join = joinDate ?? today

  const checked = useMemo<CheckedPerson[]>(() => {
    if (!group.data || !roster.data || !participants.data) return []
    return checkEnrolList(readEnrolList(listText), {
      existing: participants.data,
      joinDate: join,
      track: group.data.track,
      openPlaces: roster.data.openPlaces
    })
  }, [listText, join, group.data, roster.data, participants.data])
  const ready = checked.flatMap((c) => (c.person ? [c.person] : []))
  const withProblems = checked.length - ready.length

  const enrol = useMutation({
    mutationFn: () => unwrap(api().enrollments.bulk({ groupId, joinDate: join, people: ready })),
    onSuccess: (done) => {
      void client.invalidateQueries()
      const count = done.enrolled.length
      notifications.show({
        color: 'teal',
        message: `${count} ${count === 1 ? 'person' : 'people'} enrolled in ${group.data?.name ?? 'the group'}.`
      })
      if (done.skipped.length === 0) void navigate(`/groups/${groupId}`)
      else {
        setResult(done)
        setText('')
      }
    }
  })

  if (group.isError) return <ErrorNotice error={group.error} />
  if (!group.data) return <Loader aria-label="Loading the group" />
  const readFile = async (files: File[]) => {
    const file = files[0]
    if (!file) return
    setFileProblem(null)
    setText(await file.text())
  }
  return (
    <>
      <PageHeader
        title={`Enrol a list in ${group.data.name}`}
        description="Paste a list or import a CSV file. You see every row first; nothing is saved until you enrol."
        actions={
          <Button variant="default" component={Link} to={`/groups/${groupId}`}>
            Back to the group
          </Button>
        }
      />
      <Stack gap="md">
        {result && <Skipped result={result} />}
        <Group align="flex-start" grow>
          <Textarea
            label="People to enrol, one per line"
            description="Name, client ID and date of birth, separated by commas or tabs; then, if you have them, admission date and preferred name. A first row naming the columns works too."
            placeholder={EXAMPLE}
            autosize
            minRows={6}
            maxRows={14}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
          />
          <Stack gap="sm">
            <Dropzone
              onDrop={(files) => void readFile(files)}
              onReject={() => setFileProblem('Choose one CSV or text file, under 1 MB.')}
              accept={['text/csv', 'text/plain', 'text/tab-separated-values', '.csv', '.txt']}
              maxSize={MAX_FILE_BYTES}
              multiple={false}
              useFsAccessApi={false}
              aria-label="Import a CSV file"
              inputProps={{ 'aria-label': 'CSV file to import' }}
            >
              <Stack gap={4} align="center" mih={110} justify="center">
                <Text fw={600}>Import a CSV file</Text>
                <Text size="sm" c="dimmed" ta="center">
                  Drop it here, or press Enter or click to choose it. Its rows fill the list.
                </Text>
              </Stack>
            </Dropzone>
            {fileProblem && (
              <Text c="red.9" size="sm" role="alert">
                {fileProblem}
              </Text>
            )}
            <DateField
              label="Join date"
              description="Also the admission date of anyone whose row gives none."
              value={join}
              onChange={setJoinDate}
            />
          </Stack>
        </Group>
        {roster.data && (
          <Text size="sm" aria-live="polite" data-testid="enrol-list-summary">
            {checked.length === 0
              ? `Nothing to check yet. ${roster.data.openPlaces} open places in the group.`
              : `${ready.length} ready to enrol · ${withProblems} with a problem · ${roster.data.openPlaces} open places`}
          </Text>
        )}
        {checked.length > 0 && <Preview rows={checked} />}
        <ErrorNotice error={enrol.error} title="Nobody was enrolled" />
        <Group>
          <Button
            onClick={() => enrol.mutate()}
            disabled={ready.length === 0}
            loading={enrol.isPending}
          >
            {ready.length === 0
              ? 'Enrol'
              : `Enrol ${ready.length} ${ready.length === 1 ? 'person' : 'people'}`}
          </Button>
          {withProblems > 0 && ready.length > 0 && (
            <Text size="sm">
              Rows with a problem are left out; put them right to enrol them too.
            </Text>
          )}
        </Group>
      </Stack>
    </>
  )
}

function Preview({ rows }: { rows: CheckedPerson[] }) {
  return (
    <section aria-labelledby="enrol-preview-title">
      <Title order={2} size="h4" id="enrol-preview-title" mb="xs">
        Preview
      </Title>
      <Table aria-label="Preview of the list" verticalSpacing={4} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Client ID</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Admission</Table.Th>
            <Table.Th>Track</Table.Th>
            <Table.Th>Check</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ listed, person, problems }) => (
            <Table.Tr key={listed.line}>
              <Table.Td>{listed.line}</Table.Td>
              <Table.Td>
                <bdi>{listed.fullName}</bdi>
              </Table.Td>
              <Table.Td>{listed.clientId}</Table.Td>
              <Table.Td>{person?.dateOfBirth ?? listed.dateOfBirth}</Table.Td>
              <Table.Td>{person?.admissionDate ?? listed.admissionDate}</Table.Td>
              <Table.Td>{person ? TRACK_LABELS[person.track] : listed.track}</Table.Td>
              <Table.Td>
                {person ? (
                  <Badge color="teal" variant="light">
                    ✓ Ready
                  </Badge>
                ) : (
                  <Stack gap={2}>
                    <Badge color="red" variant="light">
                      ✗ Not enrolled
                    </Badge>
                    {problems.map((p) => (
                      <Text key={p} size="sm" c="red.9">
                        {p}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  )
}

/** After saving: who the records refused since the preview, and why. */
function Skipped({ result }: { result: BulkEnrolResult }) {
  return (
    <Alert
      color="orange"
      title={`${result.enrolled.length} enrolled; ${result.skipped.length} not`}
    >
      <List size="sm">
        {result.skipped.map((s) => (
          <List.Item key={s.line}>
            Line {s.line} ({s.clientId}): {s.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}

import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import {
  ACCESS_ACTION_LABELS,
  ACCESS_ACTIONS,
  type AccessAction,
  type AccessLogFilter,
  type ComputerLog
} from '../../../../shared/domain/access-log'
import { isolate } from '../../../../shared/rules/bidi'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { api, unwrap } from '../../api'
import { useStaffList, useStatus } from '../../app/queries'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { useProtectedExport } from '../exports/useProtectedExport'
import { accessLogWho } from '../../../../shared/rules/access-log-who'

/** Who did what and when, for administrators: filtered, newest first, with the chain's state. */
export function AccessLogPage() {
  const timeFormat = useTimeFormat()
  const status = useStatus()
  const staff = useStaffList()
  const [filter, setFilter] = useState<AccessLogFilter>({})
  const [computerId, setComputerId] = useState<string | null>(null)
  const [draft, setDraft] = useState({ from: '', to: '', staffId: '', action: '', text: '' })
  const exporting = useProtectedExport('the access log', (password) =>
    unwrap(api().audit.export({ password }))
  )
  // Every computer's log, merged by time (this computer's alone until sync is in use).
  const log = useQuery({
    queryKey: ['audit', filter, computerId],
    queryFn: () => unwrap(api().audit.merged({ filter, ...(computerId ? { computerId } : {}) }))
  })
  const computers = log.data?.computers ?? []
  const here = computers.find((c) => c.here)
  const several = computers.length > 1
  const zone = status.data?.clinic?.timeZone ?? 'UTC'
  const apply = () =>
    setFilter({
      ...(draft.from ? { from: draft.from } : {}),
      ...(draft.to ? { to: draft.to } : {}),
      ...(draft.staffId ? { staffId: draft.staffId } : {}),
      ...(draft.action ? { action: draft.action as AccessAction } : {}),
      ...(draft.text.trim() ? { text: draft.text.trim() } : {})
    })
  return (
    <Stack gap="md">
      {exporting.modal}
      <PageHeader
        title="Access log"
        description="Every sign-in, record opened, note signed, print and export, in order. Each entry is chained to the one before it, so a changed or removed entry shows."
        actions={
          <Button variant="default" onClick={exporting.start}>
            Export the log
          </Button>
        }
      />
      <form
        aria-label="Filter the access log"
        onSubmit={(e) => {
          e.preventDefault()
          apply()
        }}
      >
        <Group align="flex-end">
          <DateField
            label="From"
            clearable
            value={draft.from}
            onChange={(from) => setDraft({ ...draft, from })}
          />
          <DateField
            label="To"
            clearable
            value={draft.to}
            onChange={(to) => setDraft({ ...draft, to })}
          />
          <Select
            label="Staff member"
            placeholder="Anyone"
            clearable
            data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.fullName }))}
            value={draft.staffId || null}
            onChange={(v) => setDraft({ ...draft, staffId: v ?? '' })}
          />
          <Select
            label="Action"
            placeholder="Any action"
            clearable
            data={ACCESS_ACTIONS.map((a) => ({ value: a, label: ACCESS_ACTION_LABELS[a] }))}
            value={draft.action || null}
            onChange={(v) => setDraft({ ...draft, action: v ?? '' })}
          />
          <TextInput
            label="Contains"
            placeholder="e.g. C-101"
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
          />
          {several && (
            <Select
              label="Computer"
              placeholder="Every computer"
              clearable
              data={computers.map((c) => ({
                value: c.computerId,
                label: c.here ? `${isolate(c.computer)} (this computer)` : isolate(c.computer)
              }))}
              value={computerId}
              onChange={setComputerId}
            />
          )}
          <Button type="submit">Show</Button>
        </Group>
      </form>
      <ErrorNotice error={log.error} />
      {here && !here.intact && (
        <Alert color="red" title="The log has been tampered with or damaged" role="alert">
          {here.problem} Entries after that point are still recorded. Tell the clinic’s compliance
          officer, and keep a copy of the log as it is now (Export the log).
        </Alert>
      )}
      {here?.intact && (
        <Text size="sm" data-testid="chain-state">
          {several
            ? 'The chain of entries of this computer is intact.'
            : 'The chain of entries is intact.'}
        </Text>
      )}
      {several && <OtherComputers computers={computers.filter((c) => !c.here)} />}
      {log.data && (
        <>
          <Text size="sm">
            {log.data.total === 0
              ? 'No entries match.'
              : log.data.total > log.data.entries.length
                ? `Showing the newest ${log.data.entries.length} of ${log.data.total} entries.`
                : `${log.data.total} ${log.data.total === 1 ? 'entry' : 'entries'}.`}
          </Text>
          <Table striped aria-label="Access log entries, newest first">
            <Table.Thead>
              <Table.Tr>
                {several && <Table.Th>Computer</Table.Th>}
                <Table.Th>#</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Record</Table.Th>
                <Table.Th>Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.entries.map((e) => (
                <Table.Tr key={`${e.computerId}-${e.seq}`}>
                  {several && (
                    <Table.Td>
                      <bdi>{e.computer}</bdi>
                    </Table.Td>
                  )}
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td>
                    {clinicDate(Date.parse(e.at), zone)}{' '}
                    {clinicTimeOfDay(Date.parse(e.at), zone, timeFormat)}
                  </Table.Td>
                  <Table.Td>
                    <bdi>{accessLogWho(e)}</bdi>
                  </Table.Td>
                  <Table.Td>{ACCESS_ACTION_LABELS[e.action]}</Table.Td>
                  <Table.Td>{e.subject}</Table.Td>
                  <Table.Td>{e.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  )
}

/**
 * The logs of the clinic's other computers, as they arrived here: each chain checked on its
 * own, a break reported for the computer whose log it is.
 */
function OtherComputers({ computers }: { computers: ComputerLog[] }) {
  const intact = computers.filter((c) => c.intact)
  return (
    <Stack gap="xs" data-testid="other-chains">
      {computers
        .filter((c) => !c.intact)
        .map((c) => (
          <Alert
            key={c.computerId}
            color="red"
            role="alert"
            title={`The log of ${isolate(c.computer)} has been tampered with or damaged`}
          >
            {c.problem} Its other entries are still shown. Tell the clinic’s compliance officer, and
            check that computer’s own access log.
          </Alert>
        ))}
      {intact.length > 0 && (
        <Text size="sm">
          Also shown, as they arrived from the clinic’s other computers:{' '}
          {intact.map((c, i) => (
            <span key={c.computerId}>
              {i > 0 ? ', ' : ''}
              <bdi>{c.computer}</bdi> ({c.entries} {c.entries === 1 ? 'entry' : 'entries'})
            </span>
          ))}
          . Each of their chains of entries is intact.
        </Text>
      )}
    </Stack>
  )
}

import { Alert, Anchor, Button, Group, List, Select, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { PeerMachine, TransferReport } from '../../../../shared/domain/sync'
import { countText } from '../../../../shared/rules/words'
import { api, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { saveBase64File } from '../../files'
import { syncKeys } from './useSync'

/** The choice for a computer this one has not heard from: the file carries every record. */
const NEW_COMPUTER = 'new'

/**
 * For computers with no network between them: a sealed file of what the other computer has
 * not had from this one (every record for a new one), and the import of a file from another.
 */
export function TransferFiles({ peers }: { peers: PeerMachine[] }) {
  const client = useQueryClient()
  const [chosen, setChosen] = useState<string | null>(null)
  const target = chosen ?? peers[0]?.machineId ?? NEW_COMPUTER
  const make = useMutation({
    mutationFn: (peerId: string | null) =>
      unwrap(api().sync.exportTransfer(peerId === null ? { newComputer: true } : { peerId })),
    onSuccess: (file) => {
      saveBase64File(file.fileName, file.base64, 'application/octet-stream')
      void client.invalidateQueries({ queryKey: syncKeys.status })
    }
  })
  // The file is chosen in the app's own open-file dialog and read there: the page gets a token.
  const bring = useMutation({
    mutationFn: async (): Promise<TransferReport | null> => {
      const file = await unwrap(api().files.choose({ kind: 'transfer' }))
      if (!file) return null
      return unwrap(api().sync.importTransfer({ file: file.token }))
    },
    onSuccess: (report) => {
      if (report) void client.invalidateQueries()
    }
  })
  const options = [
    ...peers.map((p) => ({ value: p.machineId, label: `${p.name}: what it has not had yet` })),
    { value: NEW_COMPUTER, label: 'A new computer: every record' }
  ]
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Transfer files
      </Title>
      <Text size="sm">
        For computers with no network between them. Make a file here, carry it on a USB drive, and
        import it on the other computer; then do the same the other way. Importing a file twice, or
        an older one, changes nothing.
      </Text>
      <Group align="flex-end">
        <Select
          label="Make a transfer file for"
          data={options}
          value={target}
          onChange={(value) => setChosen(value)}
          allowDeselect={false}
          w={360}
        />
        <Button
          onClick={() => make.mutate(target === NEW_COMPUTER ? null : target)}
          loading={make.isPending}
        >
          Make a transfer file
        </Button>
      </Group>
      <ErrorNotice error={make.error} title="No transfer file made" />
      {make.data && !make.isPending && (
        <Alert color="teal" title="Transfer file made" role="status">
          <Text size="sm">
            {countText(make.data.records, 'record')} in <strong>{make.data.fileName}</strong>,
            sealed with the clinic’s key. Import it on the other computer in Settings → Backups and
            sync.
          </Text>
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={() => bring.mutate()} loading={bring.isPending}>
          Import a transfer file…
        </Button>
      </Group>
      <ErrorNotice error={bring.error} title="Transfer file not imported" />
      {bring.data && !bring.isPending && <ImportReport report={bring.data} />}
    </Stack>
  )
}

function ImportReport({ report }: { report: TransferReport }) {
  return (
    <Alert
      color={report.conflicted > 0 ? 'orange' : 'teal'}
      title={
        <>
          Transfer file from <bdi>{report.from}</bdi>
        </>
      }
      role="status"
    >
      <Text size="sm" mb={4}>
        {report.message}
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>{countText(report.arrived, 'record')} new or newer here</List.Item>
        <List.Item>
          {countText(report.conflicted, 'record')} changed on both computers
          {report.conflicted > 0 && (
            <>
              {' '}
              (both versions kept:{' '}
              <Anchor component={Link} to="/sync/conflicts" size="sm">
                review the conflicts
              </Anchor>
              )
              {report.conflictedRecords.length > 0 && (
                <List size="sm" withPadding aria-label="Records changed on both computers">
                  {report.conflictedRecords.map((record, index) => (
                    <List.Item key={`${index}-${record}`}>{record}</List.Item>
                  ))}
                </List>
              )}
            </>
          )}
        </List.Item>
        <List.Item>{countText(report.already, 'record')} already here</List.Item>
      </List>
    </Alert>
  )
}

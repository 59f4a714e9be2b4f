import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { ConflictVersion, SyncConflict } from '../../../../shared/domain/sync'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { syncKeys, useSyncConflicts } from './useSync'

/**
 * Records changed on two computers before they heard from each other: every version is kept,
 * the app shows one by CouchDB's rule, and an administrator chooses the one to keep.
 */
export function ConflictsPage() {
  const conflicts = useSyncConflicts()
  return (
    <>
      <PageHeader
        title="Conflicts"
        description="Records changed on two of the clinic’s computers before they heard from each other. Both versions are kept; choose the one to keep."
        actions={
          <Button component={Link} to="/settings/backups" variant="default">
            Sync settings
          </Button>
        }
      />
      {conflicts.isPending && <Loader aria-label="Loading the conflicts" />}
      <ErrorNotice error={conflicts.error} title="The conflicts cannot be shown" />
      {conflicts.data?.length === 0 && (
        <Alert color="teal" title="No conflicts" icon={<span aria-hidden>✓</span>}>
          Every record has one version on this computer.
        </Alert>
      )}
      <Stack gap="md">
        {conflicts.data?.map((conflict) => (
          <ConflictCard key={conflict.docId} conflict={conflict} />
        ))}
      </Stack>
    </>
  )
}

/** Versions are told apart by a letter: two summaries can read alike (same day, same minute). */
function versionLetter(index: number): string {
  return String.fromCharCode(65 + (index % 26))
}

function ConflictCard({ conflict }: { conflict: SyncConflict }) {
  const client = useQueryClient()
  const titleId = `conflict-${conflict.docId}`
  const keep = useMutation({
    mutationFn: (rev: string) =>
      unwrap(api().sync.resolveConflict({ docId: conflict.docId, keep: rev })),
    onSuccess: (left) => {
      client.setQueryData(syncKeys.conflicts, left)
      void client.invalidateQueries({ queryKey: syncKeys.all })
      notifications.show({ color: 'teal', message: `${conflict.record}: one version kept.` })
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Nothing changed', message: messageOf(e) })
  })
  const confirmKeep = (version: ConflictVersion, letter: string) =>
    modals.openConfirmModal({
      title: `Keep version ${letter}?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">
            {conflict.record}, version {letter}: <strong>{version.summary}</strong>
          </Text>
          <Text size="sm">
            Every computer of the clinic then shows this version. The other versions are not
            deleted: they stay in the record’s history.
          </Text>
          {conflict.signedPair && (
            <Text size="sm" fw={600} role="note">
              Both versions were signed. Check both with the people who signed them before you
              choose.
            </Text>
          )}
        </Stack>
      ),
      labels: { confirm: `Keep version ${letter}`, cancel: 'Go back' },
      onConfirm: () => keep.mutate(version.rev)
    })

  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={titleId}>
          {conflict.record}
        </Title>
        {conflict.signedPair && (
          <Badge color="red" variant="light" leftSection={<span aria-hidden>⚑</span>}>
            Two signed versions — review
          </Badge>
        )}
      </Group>
      <Table aria-labelledby={titleId} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>Version</Table.Th>
            <Table.Th>What it is</Table.Th>
            <Table.Th>
              <VisuallyHidden>Choose</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.versions.map((version, index) => (
            <Table.Tr key={version.rev}>
              <Table.Td fw={700}>{versionLetter(index)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{version.summary}</Text>
                  {version.signed && (
                    <Badge
                      size="sm"
                      color="blue"
                      variant="light"
                      leftSection={<span aria-hidden>✎</span>}
                    >
                      Signed
                    </Badge>
                  )}
                  {version.winner ? (
                    <Badge
                      size="sm"
                      color="teal"
                      variant="light"
                      leftSection={<span aria-hidden>✓</span>}
                    >
                      Shown now
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      (kept, not shown)
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="default"
                  loading={keep.isPending && keep.variables === version.rev}
                  disabled={keep.isPending}
                  onClick={() => confirmKeep(version, versionLetter(index))}
                  aria-label={`Keep this version (${versionLetter(index)}): ${version.summary}`}
                >
                  Keep this version
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

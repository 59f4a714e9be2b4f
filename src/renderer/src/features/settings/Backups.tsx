import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { BackupSummary, ChosenFile } from '../../../../shared/ipc/contract'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { saveBase64File } from '../../files'
import { clinicDate, clinicTimeOfDay } from '../../../../shared/rules/dates'
import { useTimeFormat } from '../../app/clinicTime'
import { countText } from '../../../../shared/rules/words'
import { useStatus } from '../../app/queries'

/** What a backup holds, with its time on the clinic's clock. */
export function Holds({ summary, timeZone }: { summary: BackupSummary; timeZone: string }) {
  const timeFormat = useTimeFormat()
  const c = summary.counts
  const made = Date.parse(summary.createdAt)
  return (
    <List size="sm" spacing={2}>
      <List.Item>
        Made {clinicDate(made, timeZone)} at {clinicTimeOfDay(made, timeZone, timeFormat)} (clinic
        time)
      </List.Item>
      <List.Item>
        Clinic: <bdi>{summary.clinicName || 'no name recorded'}</bdi>
      </List.Item>
      <List.Item>
        {[
          countText(c.participants, 'participant'),
          countText(c.groups, 'group'),
          countText(c.sessions, 'session'),
          countText(c.notes, 'note'),
          countText(c.measures, 'measure')
        ].join(', ')}
      </List.Item>
      <List.Item>{countText(summary.files, 'file')}</List.Item>
    </List>
  )
}

/**
 * Back up now (a whole-clinic .zip, checked after it is made, to save on a
 * USB drive) and restore from one, after seeing what it holds.
 */
export function Backups() {
  const client = useQueryClient()
  const timeZone = useStatus().data?.clinic?.timeZone ?? 'UTC'
  const [chosen, setChosen] = useState<{ file: ChosenFile; summary: BackupSummary } | null>(null)
  const backUp = useMutation({
    mutationFn: () => unwrap(api().backups.create()),
    onSuccess: (backup) => {
      saveBase64File(backup.fileName, backup.base64, 'application/zip')
      notifications.show({
        color: 'teal',
        message: `Backup made and checked: ${countText(backup.summary.files, 'file')}. Keep it somewhere safe, such as the clinic's encrypted USB drive.`
      })
    }
  })
  // The file is chosen in the app's own open-file dialog and read there: the page gets a token.
  const preview = useMutation({
    mutationFn: async () => {
      const file = await unwrap(api().files.choose({ kind: 'backup' }))
      if (!file) return null
      return { file, summary: await unwrap(api().backups.preview({ file: file.token })) }
    },
    onMutate: () => setChosen(null),
    onSuccess: (result) => result && setChosen(result)
  })
  const restore = useMutation({
    mutationFn: (file: ChosenFile) => unwrap(api().backups.restore({ file: file.token })),
    onSuccess: () => {
      setChosen(null)
      void client.invalidateQueries()
      notifications.show({
        color: 'teal',
        message: 'Records restored from the backup. The records it replaced are kept aside.'
      })
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Not restored', message: messageOf(e) })
  })
  return (
    <section aria-labelledby="backup-settings">
      <Title order={2} size="h3" id="backup-settings" mb="sm">
        Backups
      </Title>
      <Stack gap="sm" maw={720}>
        <Text size="sm">
          The app keeps a copy of each records file every day. Back up now to keep the whole clinic
          on a drive of your choice too.
        </Text>
        <Group>
          <Button onClick={() => backUp.mutate()} loading={backUp.isPending}>
            Back up now
          </Button>
          <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending}>
            Restore from a backup…
          </Button>
        </Group>
        <ErrorNotice error={backUp.error} title="No backup made" />
        <ErrorNotice error={preview.error} title="That file cannot be restored" />
        {chosen && (
          <Alert
            color="orange"
            title="Restore this backup?"
            role="region"
            aria-label="Backup to restore"
          >
            <Text size="sm" mb={4}>
              From the file <strong>{chosen.file.name}</strong>
            </Text>
            <Holds summary={chosen.summary} timeZone={timeZone} />
            <Text size="sm" mt="xs">
              The current records are replaced by these. They are not deleted: they are kept aside
              in the data folder&apos;s <code>replaced</code> folder. The access log is kept as it
              is.
            </Text>
            <Group mt="sm">
              <Button
                color="orange"
                onClick={() => restore.mutate(chosen.file)}
                loading={restore.isPending}
              >
                Replace the current records with this backup
              </Button>
              <Button variant="default" onClick={() => setChosen(null)}>
                Cancel
              </Button>
            </Group>
          </Alert>
        )}
      </Stack>
    </section>
  )
}

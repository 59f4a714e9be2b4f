import { Text, Title } from '@mantine/core'

/** The place for keeping two of the clinic's computers in step; not offered yet. */
export function SyncSettings() {
  return (
    <section aria-labelledby="sync-settings">
      <Title order={2} size="h3" id="sync-settings" mb="sm">
        Sync
      </Title>
      <Text size="sm" maw={720}>
        The records stay on this computer. Keeping a second computer in step is not set up here yet;
        until then, move records with a backup.
      </Text>
    </section>
  )
}

import {
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { CONTACT_KIND_LABELS, type ClinicContact } from '../../../../shared/domain/contacts'
import { api, messageOf, unwrap } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { contactsKey, useClinicContacts } from '../sessions/useProtocolData'

/** Whom the crisis protocols tell a facilitator to call, one entry of each kind. */
export function ClinicContacts({ canEdit }: { canEdit: boolean }) {
  const saved = useClinicContacts()
  return (
    <section aria-labelledby="contacts-settings">
      <Title order={2} size="h3" id="contacts-settings" mb="xs">
        Contacts
      </Title>
      <Text size="sm" mb="sm">
        The crisis protocols on the running screen show these numbers. Fill in your supervisor, your
        medical contact and your state’s protective-services lines.
      </Text>
      <ErrorNotice error={saved.error} />
      {saved.isPending && <Loader size="sm" aria-label="Loading the contacts" />}
      {saved.data && <ContactsForm initial={saved.data} canEdit={canEdit} />}
    </section>
  )
}

function ContactsForm({ initial, canEdit }: { initial: ClinicContact[]; canEdit: boolean }) {
  const client = useQueryClient()
  const [contacts, setContacts] = useState<ClinicContact[]>(initial)
  const save = useMutation({
    mutationFn: () => unwrap(api().clinic.setContacts({ contacts })),
    onSuccess: (value) => {
      client.setQueryData(contactsKey, value)
      notifications.show({ color: 'teal', message: 'Contacts saved' })
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) })
  })
  const change = (index: number, field: 'name' | 'phone' | 'note', value: string) =>
    setContacts((list) => list.map((c, i) => (i === index ? { ...c, [field]: value } : c)))

  return (
    <form
      aria-label="Clinic contacts"
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate()
      }}
    >
      <Stack gap="xs" maw={900}>
        {contacts.map((contact, index) => (
          <Paper withBorder p="xs" key={contact.kind}>
            <Text fw={600} size="sm" mb={4}>
              {CONTACT_KIND_LABELS[contact.kind]}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={`${CONTACT_KIND_LABELS[contact.kind]}: name`}
                value={contact.name}
                maxLength={80}
                readOnly={!canEdit}
                onChange={(e) => change(index, 'name', e.currentTarget.value)}
              />
              <TextInput
                label={`${CONTACT_KIND_LABELS[contact.kind]}: phone`}
                value={contact.phone}
                maxLength={40}
                readOnly={!canEdit}
                onChange={(e) => change(index, 'phone', e.currentTarget.value)}
              />
              <TextInput
                label={`${CONTACT_KIND_LABELS[contact.kind]}: note`}
                value={contact.note}
                maxLength={200}
                readOnly={!canEdit}
                onChange={(e) => change(index, 'note', e.currentTarget.value)}
              />
            </SimpleGrid>
          </Paper>
        ))}
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save the contacts
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}

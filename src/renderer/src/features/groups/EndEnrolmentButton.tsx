import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { RosterEntry } from '../../../../shared/rules/roster'
import { api, unwrap } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { isolate } from '../../../../shared/rules/bidi'

export function EndEnrolmentButton({ entry, today }: { entry: RosterEntry; today: string }) {
  const [opened, { open, close }] = useDisclosure(false)
  const [exitDate, setExitDate] = useState(today)
  const end = useMutation({
    mutationFn: () => unwrap(api().enrollments.end({ enrollmentId: entry.enrollmentId, exitDate })),
    onSuccess: close
  })
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={open}
        aria-label={`End enrolment of ${entry.displayName}`}
      >
        End enrolment
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`End the enrolment of ${isolate(entry.displayName)}`}
      >
        <Stack gap="sm">
          <Text size="sm">
            Joined on {entry.joinDate}. They move to past members; their records stay.
          </Text>
          <DateField
            label="Exit date"
            value={exitDate}
            min={entry.joinDate}
            onChange={setExitDate}
          />
          <ErrorNotice error={end.error} title="The enrolment was not ended" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={() => end.mutate()} loading={end.isPending}>
              End enrolment
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

import { useMutation } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { ParticipantInput } from '../../../../shared/domain/participant'
import { api, unwrap } from '../../api'
import { useToday } from '../../app/useToday'
import { PageHeader } from '../../components/PageHeader'
import { emptyParticipant, ParticipantForm } from './ParticipantForm'

export function NewParticipantPage() {
  const navigate = useNavigate()
  const today = useToday()
  const create = useMutation({
    mutationFn: (values: ParticipantInput) => unwrap(api().participants.create(values)),
    onSuccess: () => navigate('/participants')
  })
  return (
    <>
      <PageHeader title="Add participant" description="A person admitted to the program." />
      <ParticipantForm
        initial={emptyParticipant(today)}
        today={today}
        submitLabel="Add participant"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(values)}
        onCancel={() => navigate('/participants')}
      />
    </>
  )
}

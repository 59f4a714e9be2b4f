import { Paper, Progress, Spoiler, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../api'

/** A participant's progress through their group's cycle, from the sessions they attended. */
export function CoverageCard({ participantId }: { participantId: string }) {
  const coverage = useQuery({
    queryKey: ['curriculum', 'coverage', participantId],
    queryFn: () => unwrap(api().curriculum.coverage({ participantId }))
  })
  if (!coverage.data || coverage.data.length === 0) return null
  return (
    <Stack gap="sm" mt="lg">
      {coverage.data.map((c) => (
        <Paper
          withBorder
          p="md"
          key={c.groupId}
          aria-label={`Curriculum coverage in ${c.groupName}`}
          role="region"
        >
          <Title order={2} size="h4">
            Curriculum coverage · {c.groupName}
          </Title>
          <Text size="sm" c="dimmed">
            {c.cycleName}
          </Text>
          <Text mt="xs" data-testid="coverage-summary">
            {c.covered.length} of {c.total} modules attended ({c.percent}%)
          </Text>
          <Progress value={c.percent} mt={4} aria-label={`${c.percent}% of the cycle attended`} />
          <Text size="sm" mt="xs">
            {c.estimatedCompletion
              ? `At the group's pace, every missing module comes round by ${c.estimatedCompletion} (${c.sessionsToGo} sessions).`
              : c.missing.length === 0
                ? 'Every module in the cycle has been attended.'
                : 'The group has no meeting days set, so no completion date can be estimated.'}
          </Text>
          <Spoiler
            maxHeight={0}
            showLabel={`Show the ${c.missing.length} missing modules`}
            hideLabel="Hide"
          >
            <Text size="sm">{c.missing.map((m) => m.title).join(' · ')}</Text>
          </Spoiler>
          {c.covered.length > 0 && (
            <Text size="sm" mt="xs">
              <strong>Attended:</strong> {c.covered.map((m) => m.title).join(' · ')}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  )
}

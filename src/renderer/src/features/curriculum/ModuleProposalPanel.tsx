import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { ModuleProposal } from '../../../../shared/ipc/contract'
import { isRealDate } from '../../../../shared/domain/common'
import { api, unwrap } from '../../api'

type Kind = keyof ModuleProposal

interface Props {
  groupId: string
  date: string
  /** The module each kind's segment has now, to mark it. */
  chosen: Record<Kind, string | null>
  onUse(kind: Kind, moduleId: string): void
}

const KIND_TITLE: Record<Kind, string> = { educational: 'Educational', skills: 'Skills' }

/**
 * The planner's proposal: the modules the most people on the day's roster
 * still need come first, then the cycle's own order from where the group is.
 */
export function ModuleProposalPanel({ groupId, date, chosen, onUse }: Props) {
  const proposal = useQuery({
    queryKey: ['curriculum', 'proposal', groupId, date],
    queryFn: () => unwrap(api().curriculum.proposal({ groupId, date })),
    enabled: isRealDate(date)
  })
  // The planner proposes: a segment with no module yet takes the first suggestion, once.
  const filled = useRef(false)
  const data = proposal.data
  useEffect(() => {
    if (filled.current || !data) return
    filled.current = true
    for (const kind of Object.keys(KIND_TITLE) as Kind[]) {
      const id = data[kind][0]?.moduleId
      if (id && chosen[kind] === null) onUse(kind, id)
    }
    // Once, when the first proposal arrives; later changes are the facilitator's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data])
  if (!proposal.data) return null
  return (
    <Paper withBorder p="md" role="region" aria-label="Suggested modules">
      <Title order={2} size="h4" mb="xs">
        Suggested modules
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(Object.keys(KIND_TITLE) as Kind[]).map((kind) => (
          <Stack gap={4} key={kind}>
            <Text fw={600}>{KIND_TITLE[kind]}</Text>
            {proposal.data[kind].slice(0, 4).map((c) => (
              <Group key={c.moduleId} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" truncate>
                    {c.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.needCount} of {c.memberCount} still need it
                    {c.cycleDistance === 0 ? ' · next in the cycle' : ''}
                  </Text>
                </Stack>
                <Button
                  size="compact-xs"
                  variant={chosen[kind] === c.moduleId ? 'filled' : 'light'}
                  aria-label={`Use ${c.title}`}
                  onClick={() => onUse(kind, c.moduleId)}
                >
                  {chosen[kind] === c.moduleId ? 'Chosen' : 'Use'}
                </Button>
              </Group>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  )
}

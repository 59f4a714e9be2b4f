import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Table,
  Text,
  TextInput
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import type { ModuleKind } from '../../../../shared/curriculum/module'
import { api, unwrap } from '../../api'
import { useCurriculum } from '../../app/queries'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PageHeader } from '../../components/PageHeader'
import { PackButtons } from './PackButtons'

const KIND_LABEL: Record<ModuleKind, string> = { educational: 'Educational', skills: 'Skills' }

/** The curriculum library: by week, kind, tag, and a search of titles, objectives and slides. */
export function LibraryPage() {
  const all = useCurriculum()
  const [query, setQuery] = useState('')
  const [week, setWeek] = useState<string | null>(null)
  const [kind, setKind] = useState<'all' | ModuleKind>('all')
  const [tag, setTag] = useState<string | null>(null)
  const [debounced] = useDebouncedValue(query, 200)
  const filter = {
    query: debounced.trim(),
    week: week ? Number(week) : null,
    kind: kind === 'all' ? null : kind,
    tag
  }
  const results = useQuery({
    queryKey: ['curriculum', 'search', filter],
    queryFn: () => unwrap(api().curriculum.search(filter))
  })
  const tags = [...new Set((all.data ?? []).flatMap((m) => m.tags))].sort()
  const rows = results.data ?? []

  return (
    <>
      <PageHeader
        title="Curriculum"
        description="Every module the groups can use: 36 educational and 36 skills sessions in the starter cycle, plus your own."
        actions={
          <Group gap="xs">
            <Button component={Link} to="/curriculum/cycles" variant="default">
              Cycles
            </Button>
            <PackButtons />
          </Group>
        }
      />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Title, objective or slide text"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
        <Select
          label="Week"
          placeholder="Any week"
          clearable
          data={Array.from({ length: 12 }, (_, i) => ({
            value: String(i + 1),
            label: `Week ${i + 1}`
          }))}
          value={week}
          onChange={setWeek}
          w={140}
        />
        <Select
          label="Tag"
          placeholder="Any tag"
          clearable
          searchable
          data={tags}
          value={tag}
          onChange={setTag}
          w={180}
        />
        <SegmentedControl
          aria-label="Kind"
          value={kind}
          onChange={(value) => setKind(value as 'all' | ModuleKind)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'educational', label: 'Educational' },
            { value: 'skills', label: 'Skills' }
          ]}
        />
      </Group>
      {results.isError && <ErrorNotice error={results.error} />}
      {results.isPending ? (
        <Loader aria-label="Searching the library" />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
            {rows.length} {rows.length === 1 ? 'module' : 'modules'}
          </Text>
          <Table striped highlightOnHover aria-label="Curriculum modules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Slides</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.week}</Table.Td>
                  <Table.Td>{KIND_LABEL[m.kind]}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/curriculum/${encodeURIComponent(m.id)}`}>
                      {m.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{m.slideCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {m.source === 'local' && <Badge variant="light">Your own</Badge>}
                      {m.edited && m.source === 'shipped' && (
                        <Badge variant="light" color="grape">
                          Edited
                        </Badge>
                      )}
                      {m.newerShippedVersion !== null && (
                        <Badge variant="outline" color="orange">
                          Newer version {m.newerShippedVersion} available
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </>
  )
}

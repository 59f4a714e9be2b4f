import { Box, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { AgreementItem } from '../../../../shared/domain/agreements'

/** The group agreements as the room reads them at the opening: the same words for everyone, no name. */
export function AgreementsFrame({ items }: { items: readonly AgreementItem[] }) {
  // Long lists get two columns and smaller type, so all of it fits one screen of any shape.
  const columns = items.length > 5 ? 2 : 1
  const size =
    items.length > 10
      ? 'min(1.2vw, 2vh)'
      : items.length > 5
        ? 'min(1.6vw, 2.7vh)'
        : 'min(2.2vw, 3.6vh)'
  return (
    <Box
      h="100vh"
      bg="#ffffff"
      p="2.5vw"
      data-testid="audience-agreements"
      style={{ overflow: 'hidden' }}
    >
      <Stack gap="2vh" h="100%">
        <Title order={1} fz="min(3vw, 5vh)" c="#10161f">
          Our group agreements
        </Title>
        <SimpleGrid cols={columns} spacing="3vw" verticalSpacing="2vh">
          {items.map((item) => (
            <Stack key={item.heading} gap={4}>
              <Text fz={`calc(${size} * 1.1)`} fw={700} c="#10161f" lh={1.2}>
                {item.heading}
              </Text>
              <Text fz={size} c="#2b3a48" lh={1.35}>
                {item.text}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Box>
  )
}

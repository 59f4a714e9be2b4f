// This screen's styles (all of Mantine's): not loaded with the sign-in screen (issue 18).
import './styles'
import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { Staff } from '../../../shared/domain/staff'
import { isolate } from '../../../shared/rules/bidi'
import { api, unwrap } from '../api'
import { SETTINGS_TABS } from '../features/settings/SettingsPage'
import { useHomeDay } from '../features/home/useHomeDay'
import { MOD_KEY } from './KeyboardShortcuts'
import { useLock } from './lock'
import { useGroups, useParticipants } from './queries'

/**
 * Ctrl+K (⌘K on a Mac): one box that finds a participant, a group, a
 * session's notes or a place in the app, and goes there. Only for a signed-in,
 * unlocked screen, the running one too: it is part of the signed-in app, so a
 * lock takes it away.
 */
export function FindAnything({
  staff,
  onShowShortcuts
}: {
  staff: Staff
  onShowShortcuts(): void
}) {
  const navigate = useNavigate()
  const [opened, setOpened] = useState(false)
  const participants = useParticipants()
  const groups = useGroups()
  // Sessions with notes, fetched when the box opens rather than on every screen.
  const notes = useQuery({
    queryKey: ['notes', 'owed', false, true],
    queryFn: () => unwrap(api().notes.owed({ mine: false, signedToo: true })),
    enabled: opened
  })
  const day = useHomeDay()
  const lock = useLock()
  const go = (to: string) => () => void navigate(to)
  const groupName = new Map((groups.data ?? []).map((g) => [g.id, g.name]))

  const actions: SpotlightActionGroupData[] = [
    {
      group: 'Do',
      actions: [
        ...(day.data?.running ?? []).map((s) => ({
          id: `return-${s.sessionId}`,
          label: `Return to the running session: ${isolate(s.groupName)}`,
          description: `Session of ${s.date}`,
          keywords: ['running', 'session', 'return', s.groupName],
          onClick: go(`/sessions/${s.sessionId}`)
        })),
        {
          id: 'lock-now',
          label: 'Lock the screen now',
          description: `${MOD_KEY}+L`,
          keywords: ['lock', 'away'],
          onClick: () => lock.mutate()
        }
      ]
    },
    {
      group: 'Participants',
      actions: (participants.data ?? []).map((p) => ({
        id: `participant-${p.id}`,
        label: `${isolate(p.displayName)} (${isolate(p.clientId)})`,
        description:
          [
            p.status === 'discharged' ? 'Discharged' : null,
            ...p.groupIds.map((id) => groupName.get(id))
          ]
            .filter(Boolean)
            .join(' · ') || 'Participant, in no group',
        keywords: [p.fullName, p.preferredName, p.clientId, ...(p.nicknames ?? [])],
        onClick: go(`/participants/${p.id}`)
      }))
    },
    {
      group: 'Groups',
      actions: (groups.data ?? []).map((g) => ({
        id: `group-${g.id}`,
        label: g.name,
        description: `Group · ${g.enrolledCount} of ${g.capacity} enrolled`,
        keywords: ['group'],
        onClick: go(`/groups/${g.id}`)
      }))
    },
    {
      group: 'Notes',
      actions: (notes.data ?? []).map((n) => ({
        id: `notes-${n.sessionId}`,
        label: `Notes · ${isolate(n.groupName)} · ${n.date}`,
        description: `${n.counts.signed} signed, ${n.counts.draft + n.counts.not_started} to write`,
        keywords: ['notes', 'note', n.groupName, n.date],
        onClick: go(`/sessions/${n.sessionId}/notes`)
      }))
    },
    {
      group: 'Go to',
      actions: [
        { id: 'go-home', label: 'Home', description: 'Your day', onClick: go('/') },
        { id: 'go-groups', label: 'Groups', onClick: go('/groups') },
        {
          id: 'go-new-group',
          label: 'New group',
          keywords: ['create'],
          onClick: go('/groups/new')
        },
        { id: 'go-participants', label: 'Participants', onClick: go('/participants') },
        {
          id: 'go-new-participant',
          label: 'Add participant',
          keywords: ['new', 'admit'],
          onClick: go('/participants/new')
        },
        { id: 'go-notes', label: 'Notes to write', keywords: ['notes'], onClick: go('/notes') },
        {
          id: 'go-cosign',
          label: 'Notes to co-sign',
          keywords: ['cosign'],
          onClick: go('/notes/cosign')
        },
        {
          id: 'go-reports',
          label: 'Reports',
          keywords: ['billing', 'attendance'],
          onClick: go('/reports')
        },
        {
          id: 'go-curriculum',
          label: 'Curriculum',
          keywords: ['modules', 'slides'],
          onClick: go('/curriculum')
        },
        ...SETTINGS_TABS.map((t) => ({
          id: `go-settings-${t.value}`,
          label: `Settings: ${t.label}`,
          keywords: ['settings', t.value],
          onClick: go(`/settings/${t.value}`)
        })),
        ...(staff.isAdmin
          ? [
              {
                id: 'go-access-log',
                label: 'Access log',
                keywords: ['audit'],
                onClick: go('/access-log')
              }
            ]
          : []),
        {
          id: 'keyboard-shortcuts',
          label: 'Keyboard shortcuts',
          keywords: ['keys', 'help', 'hotkeys'],
          onClick: onShowShortcuts
        }
      ]
    }
  ]

  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      limit={12}
      highlightQuery
      nothingFound="Nothing found. Try a name, a client ID, a group or a date."
      onSpotlightOpen={() => setOpened(true)}
      onSpotlightClose={() => setOpened(false)}
      searchProps={{
        placeholder: 'Find a participant, group, notes or a page…',
        'aria-label': 'Find anything'
      }}
    />
  )
}

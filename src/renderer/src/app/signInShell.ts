import { isolate } from '../../../shared/rules/bidi'
import type { Opening } from './opening'

/** What was entered in the plain sign-in form before the app's own form took its place. */
export interface ShellEntry {
  staffId: string
  passphrase: string
  /** Which field had the keyboard's focus. */
  focus: 'staffId' | 'passphrase' | null
  /** Sign in was pressed (or Enter) before the app's form was there. */
  submitted: boolean
}

interface Shell {
  main: HTMLElement
  form: HTMLFormElement
  staff: HTMLSelectElement
  passphrase: HTMLInputElement
  clinicName: HTMLElement
  /** The field last given the keyboard's focus, while it has it. */
  focus: ShellEntry['focus']
  submitted: boolean
}

/** The plain form while it is shown, until the app takes what was entered in it. */
let shown: Shell | null = null

/** The plain form written in index.html, if this page has it. */
function findShell(): Omit<Shell, 'focus' | 'submitted'> | null {
  const main = document.getElementById('boot-sign-in')
  const form = document.getElementById('boot-form')
  const staff = document.getElementById('boot-staff')
  const passphrase = document.getElementById('boot-passphrase')
  const clinicName = document.getElementById('boot-clinic-name')
  if (
    !main ||
    !(form instanceof HTMLFormElement) ||
    !(staff instanceof HTMLSelectElement) ||
    !(passphrase instanceof HTMLInputElement) ||
    !clinicName
  ) {
    return null
  }
  return { main, form, staff, passphrase, clinicName }
}

/**
 * Shows the plain sign-in form written in index.html when the answers say someone is to sign
 * in: the clinic is set up, nobody is signed in, its records can be opened, and this is not the
 * projector's page. Otherwise it stays hidden and the app draws what is needed.
 */
export function showSignInShell(answers: Opening): void {
  if (shown || window.location.hash.startsWith('#/audience/')) return
  const status = answers.status?.ok ? answers.status.value : null
  const people = answers.directory?.ok ? answers.directory.value : null
  if (!status || !people || !status.setUp || status.signedIn || status.lockedOut) return
  const found = findShell()
  if (!found) return
  const shell: Shell = { ...found, focus: null, submitted: false }
  shell.clinicName.textContent = status.clinic?.name ?? ''
  for (const person of people) {
    const option = document.createElement('option')
    option.value = person.id
    option.textContent = `${isolate(person.fullName)}, ${person.credentials}`
    shell.staff.append(option)
  }
  if (people.length === 1) shell.staff.value = people[0]!.id
  shell.form.addEventListener('focusin', (event) => {
    shell.focus =
      event.target === shell.staff
        ? 'staffId'
        : event.target === shell.passphrase
          ? 'passphrase'
          : null
  })
  // A field removed with the form as the app draws its own keeps its place as the one focused.
  shell.form.addEventListener('focusout', (event) => {
    if ((event.target as Node).isConnected) shell.focus = null
  })
  shell.form.addEventListener('submit', (event) => {
    event.preventDefault()
    shell.submitted = true
  })
  shell.main.hidden = false
  shown = shell
}

/** Whether the plain form is on the page, for someone to use until the app's own form is drawn. */
export function signInShellShown(): boolean {
  return shown !== null
}

/**
 * Resolves as soon as someone (or a test driving the page) starts to use the plain form: a
 * name chosen, something typed, a click, the form sent. The app then draws its own form at once,
 * without waiting for a frame (which a paused clock would never give). Not on a focus or a
 * pointer pressed: the form would be replaced between that and the typing or click that
 * follows, which would then land nowhere.
 */
export function signInShellUsed(): Promise<void> {
  const shell = shown
  if (!shell) return Promise.resolve()
  return new Promise((resolve) => {
    for (const event of ['input', 'change', 'keydown', 'click', 'submit'] as const) {
      shell.form.addEventListener(event, () => resolve(), { once: true })
    }
  })
}

/**
 * What was entered in the plain form, read once as the app's form replaces it (in the same
 * commit, before anything else can be typed); null when the plain form was never shown.
 */
export function takeShellEntry(): ShellEntry | null {
  const shell = shown
  if (!shell) return null
  shown = null
  const entry: ShellEntry = {
    staffId: shell.staff.value,
    passphrase: shell.passphrase.value,
    focus: shell.focus,
    submitted: shell.submitted
  }
  // Not kept in the page once handed over.
  shell.passphrase.value = ''
  return entry
}

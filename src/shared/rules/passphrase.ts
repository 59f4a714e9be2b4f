/**
 * What a new passphrase must not be: length matters more than symbols, so
 * the rules only refuse what an attacker tries first — the most common
 * passwords and phrases, one character repeated, a run along the keyboard
 * or the alphabet, and the person's own name.
 */

/**
 * Commonly leaked passwords and phrases of ten characters or more (the
 * shorter ones are refused by length alone), compared without case, spaces
 * or punctuation. Drawn from public breach-frequency lists.
 */
const COMMON = [
  '1234567890',
  '12345678910',
  '123456789a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty123456',
  'asdfghjkl1',
  'zxcvbnm123',
  'password123',
  'password1234',
  'passw0rd123',
  'password12345',
  'p@ssw0rd123',
  'iloveyou123',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'welcome2024',
  'welcome2025',
  'welcome2026',
  'changeme123',
  'administrator',
  'admin12345',
  'adminadmin',
  'football123',
  'baseball123',
  'basketball',
  'princess123',
  'sunshine123',
  'starwars123',
  'trustno1trustno1',
  'qwertyqwerty',
  'abcdefghij',
  'abcdefg123',
  'abc123abc123',
  'monkey1234',
  'dragon1234',
  'superman123',
  'whatever123',
  'michael123',
  'jennifer123',
  'jessica123',
  'computer123',
  'internet123',
  'summer2024',
  'summer2025',
  'summer2026',
  'winter2024',
  'winter2025',
  'winter2026',
  'spring2025',
  'spring2026',
  'autumn2025',
  'autumn2026',
  'fall2025fall',
  'correcthorsebatterystaple',
  'thequickbrownfox',
  'thequickbrownfoxjumpsoverthelazydog',
  'letmeinletmein',
  'passwordpassword',
  'mypassword123',
  'mypassphrase',
  'secretpassword',
  'opensesame123',
  'iloveyouiloveyou',
  'loveyouforever',
  'godisgood123',
  'jesuschrist',
  'blessed2024',
  'blessed2025',
  'blessed2026',
  'recovery123',
  'recovery2026',
  'counselor123',
  'counseling123',
  'therapist123',
  'clinic12345',
  'hospital123',
  'nurse12345',
  'doctor12345',
  'healthcare123'
]

const COMMON_SET = new Set(COMMON)

/** Lower case, letters and digits only: "Pass word-123!" and "password123" are the same guess. */
function squash(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p'
]

function isRun(text: string): boolean {
  if (text.length < 6) return false
  return RUNS.some((run) => run.includes(text) || run.split('').reverse().join('').includes(text))
}

/**
 * Why a passphrase is too easy to guess, in plain words, or null when it is
 * fine. `names` are the person's own names, which must not be the passphrase.
 */
export function weakPassphraseReason(
  passphrase: string,
  names: readonly string[] = []
): string | null {
  const squashed = squash(passphrase)
  if (squashed.length === 0) return 'Use letters or numbers in the passphrase'
  if (new Set(squashed).size <= 2) return 'Use more than one or two different characters'
  if (COMMON_SET.has(squashed))
    return 'That passphrase is one of the most common ones; choose another'
  if (isRun(squashed)) return 'A run of letters or numbers is easy to guess; choose a phrase'
  for (const name of names) {
    const n = squash(name)
    if (n.length >= 3 && (squashed === n || squashed.replace(/[0-9]+$/, '') === n)) {
      return 'Do not use your own name as the passphrase'
    }
  }
  return null
}

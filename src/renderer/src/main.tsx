// First: asks the main process for the status and the staff list before the rest is evaluated.
import { opening } from './app/opening'
// Only what the first screens (sign-in, lock, the loader, a notice) are drawn with, in
// Mantine's layer; the rest comes with app/styles.ts once the first frame is painted (issue 18).
// Shared parts first, in the order Mantine's list of CSS files gives.
import '@mantine/core/styles/baseline.layer.css'
import '@mantine/core/styles/default-css-variables.layer.css'
import '@mantine/core/styles/global.layer.css'
import '@mantine/core/styles/UnstyledButton.layer.css'
import '@mantine/core/styles/VisuallyHidden.layer.css'
import '@mantine/core/styles/Paper.layer.css'
import '@mantine/core/styles/CloseButton.layer.css'
import '@mantine/core/styles/Group.layer.css'
import '@mantine/core/styles/Loader.layer.css'
import '@mantine/core/styles/Input.layer.css'
import '@mantine/core/styles/ActionIcon.layer.css'
import '@mantine/core/styles/Alert.layer.css'
import '@mantine/core/styles/Button.layer.css'
import '@mantine/core/styles/Center.layer.css'
import '@mantine/core/styles/Code.layer.css'
import '@mantine/core/styles/Combobox.layer.css'
import '@mantine/core/styles/Container.layer.css'
import '@mantine/core/styles/Notification.layer.css'
import '@mantine/core/styles/PasswordInput.layer.css'
import '@mantine/core/styles/Stack.layer.css'
import '@mantine/core/styles/Text.layer.css'
import '@mantine/core/styles/Title.layer.css'
import '@mantine/notifications/styles.layer.css'
import './app/text.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { afterNextPaint } from './app/afterPaint'
import { App } from './app/App'
import { signInShellShown, signInShellUsed } from './app/signInShell'

const root = document.getElementById('root')
if (root) {
  // The first screen is drawn once, with its answers, rather than a loader and then the form.
  // When the plain sign-in form is up (boot.ts), it is painted first, so it can be used while
  // the app draws its own; or the app draws at once if someone starts to use it before then.
  void opening(300).then(async (answers) => {
    if (signInShellShown()) await Promise.race([afterNextPaint(), signInShellUsed()])
    createRoot(root).render(
      <StrictMode>
        <App opening={answers} />
      </StrictMode>
    )
    // Every other screen's styles, in a task after the first frame is painted.
    void afterNextPaint().then(() => import('./app/styles'))
  })
}

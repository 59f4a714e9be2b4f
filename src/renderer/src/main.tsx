// First: asks the main process for the status and the staff list before the rest is evaluated.
import { opening } from './app/opening'
import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/charts/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/dropzone/styles.css'
import '@mantine/spotlight/styles.css'
import './app/text.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'

const root = document.getElementById('root')
if (root) {
  // The first screen is drawn once, with its answers, rather than a loader and then the form.
  void opening(300).then((answers) =>
    createRoot(root).render(
      <StrictMode>
        <App opening={answers} />
      </StrictMode>
    )
  )
}

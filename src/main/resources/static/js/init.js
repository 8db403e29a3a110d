// Starts GOV.UK Frontend's components (the error summary takes the focus, buttons, skip link...).
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js';
initAll();

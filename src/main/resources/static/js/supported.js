// GOV.UK Frontend's components start only where the browser supports them (a class on <body>).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');

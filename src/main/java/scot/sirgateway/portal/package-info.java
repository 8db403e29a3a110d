/**
 * The council web form: a council's drafts of notifications and reviews, saved page by page (sealed at rest),
 * their documents, check answers and submission through the submit part; drafts expire (route
 * {@code routes/portal.camel.yaml}, {@code portal-draft-expiry}).
 */
package scot.sirgateway.portal;

/**
 * The vocabulary every stage speaks: form fields, values and their sources, layers, incident and order
 * types, notification status. The bottom layer: it imports no other package and no Camel; no route.
 */
package scot.sirgateway.model;

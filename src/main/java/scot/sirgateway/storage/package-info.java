/**
 * Encryption at rest: every stored message, document and identifying field goes through one
 * AES-GCM cipher with a key id kept beside the ciphertext, so keys can be rotated.
 */
package scot.sirgateway.storage;

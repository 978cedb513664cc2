/**
 * Not API: helpers that know nothing of the client (key redaction and the masked key, logging, back-off
 * arithmetic, URL checks, the server-sent-events line parser, moving between {@code JsonValue} and Jackson
 * trees, reading schema documents and the generated schema index, silencing SLF4J). The client's engine and
 * the validation package use them; they use the types package's JSON values and nothing of the client. Public
 * only so that those packages can use them; anything here may change or disappear in any release without notice.
 */
package dev.airgen.runtime.internal;

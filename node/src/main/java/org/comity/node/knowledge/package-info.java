/**
 * The knowledge base: country profiles (what each state is party to, whom to call, what it
 * requires, how long things take), a repository of legislation, case summaries, good practices,
 * guides and templates searchable in the six UN languages, and the channel advisor that ranks the
 * ways to obtain data held in another state. Profiles and documents change only through
 * {@link org.comity.node.knowledge.CountryProfiles} and {@link org.comity.node.knowledge.KnowledgeDocuments},
 * which keep every version and audit every change; the advisor's rules are data
 * ({@code knowledge/advisor-rules.yaml}).
 */
package org.comity.node.knowledge;

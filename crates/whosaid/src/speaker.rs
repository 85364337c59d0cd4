//! Name mentions, titles, pronouns and the fullest name per article.

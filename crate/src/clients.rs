//! The private client list: names and handles reach the engine only as salted hashes.
//! (Implemented in the client-data narrative work.)

using Dapper;

// Dapper's queries in this assembly are compiled to plain ADO.NET at build time instead of emitted at run time.
[module: DapperAot]

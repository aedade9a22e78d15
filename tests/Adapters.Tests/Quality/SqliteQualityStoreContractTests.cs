namespace Portable.Adapters.Tests.Quality;

public sealed class SqliteQualityStoreContractTests() : QualityStoreContractTests(new SqliteQualityStoreTarget());

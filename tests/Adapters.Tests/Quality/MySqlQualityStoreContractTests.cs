namespace Portable.Adapters.Tests.Quality;

public sealed class MySqlQualityStoreContractTests() : QualityStoreContractTests(new MySqlQualityStoreTarget());

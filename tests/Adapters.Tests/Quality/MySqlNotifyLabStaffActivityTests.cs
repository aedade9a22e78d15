namespace Portable.Adapters.Tests.Quality;

public sealed class MySqlNotifyLabStaffActivityTests() : NotifyLabStaffActivityTests(new MySqlQualityStoreTarget());

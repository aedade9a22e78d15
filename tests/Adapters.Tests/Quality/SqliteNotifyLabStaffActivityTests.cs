namespace Portable.Adapters.Tests.Quality;

public sealed class SqliteNotifyLabStaffActivityTests() : NotifyLabStaffActivityTests(new SqliteQualityStoreTarget());

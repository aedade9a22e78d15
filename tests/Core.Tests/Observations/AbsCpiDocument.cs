namespace Portable.Core.Tests.Observations;

/// <summary>
/// An SDMX-JSON 1.0 data message shaped like the ABS Data API's answer for the seed's "interest" series
/// (ABS,CPI,1.1.0 key 1.10001.10.50.Q: all groups CPI, eight capital cities, quarterly, 2012-Q1 to 2023-Q2).
/// Kept in code rather than as a resource so the test project file stays untouched.
/// </summary>
internal static class AbsCpiDocument
{
    public const string SeriesKey = "0:0:0:0:0";

    public static readonly double[] Values =
    [
        99.9, 100.4, 101.8, 102, 102.4, 102.8, 104, 104.8, 105.4, 105.9, 106.4, 106.6,
        106.8, 107.5, 108, 108.4, 108.2, 108.6, 109.4, 110, 110.5, 110.7, 111.4, 112.1,
        112.6, 113, 113.5, 114.1, 114.1, 114.8, 115.4, 116.2, 116.6, 114.4, 116.2, 117.2,
        117.9, 118.8, 119.7, 121.3, 123.9, 126.1, 128.4, 130.8, 132.6, 133.7
    ];

    public const string Json = """
{
  "meta": {
    "schema": "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json",
    "id": "IREF000506",
    "prepared": "2023-10-20T07:50:21Z",
    "test": false,
    "contentLanguages": ["en"],
    "sender": { "id": "ABS", "name": "Australian Bureau of Statistics" }
  },
  "data": {
    "dataSets": [
      {
        "structure": 0,
        "action": "Information",
        "links": [
          { "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ABS:CPI(1.1.0)", "rel": "dataflow" }
        ],
        "annotations": [0],
        "attributes": [],
        "series": {
          "0:0:0:0:0": {
            "attributes": [0, 0],
            "annotations": [],
            "observations": {
                "0": [99.9, 0, null],
                "1": [100.4, 0, null],
                "2": [101.8, 0, null],
                "3": [102, 0, null],
                "4": [102.4, 0, null],
                "5": [102.8, 0, null],
                "6": [104, 0, null],
                "7": [104.8, 0, null],
                "8": [105.4, 0, null],
                "9": [105.9, 0, null],
                "10": [106.4, 0, null],
                "11": [106.6, 0, null],
                "12": [106.8, 0, null],
                "13": [107.5, 0, null],
                "14": [108, 0, null],
                "15": [108.4, 0, null],
                "16": [108.2, 0, null],
                "17": [108.6, 0, null],
                "18": [109.4, 0, null],
                "19": [110, 0, null],
                "20": [110.5, 0, null],
                "21": [110.7, 0, null],
                "22": [111.4, 0, null],
                "23": [112.1, 0, null],
                "24": [112.6, 0, null],
                "25": [113, 0, null],
                "26": [113.5, 0, null],
                "27": [114.1, 0, null],
                "28": [114.1, 0, null],
                "29": [114.8, 0, null],
                "30": [115.4, 0, null],
                "31": [116.2, 0, null],
                "32": [116.6, 0, null],
                "33": [114.4, 0, null],
                "34": [116.2, 0, null],
                "35": [117.2, 0, null],
                "36": [117.9, 0, null],
                "37": [118.8, 0, null],
                "38": [119.7, 0, null],
                "39": [121.3, 0, null],
                "40": [123.9, 0, null],
                "41": [126.1, 0, null],
                "42": [128.4, 0, null],
                "43": [130.8, 0, null],
                "44": [132.6, 0, null],
                "45": [133.7, 0, null]
            }
          }
        }
      }
    ],
    "structure": {
      "links": [
        { "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ABS:CPI(1.1.0)", "rel": "dataflow" },
        { "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ABS:CPI(1.1.0)", "rel": "datastructure" }
      ],
      "name": "Consumer Price Index (CPI) 17th Series",
      "names": { "en": "Consumer Price Index (CPI) 17th Series" },
      "dimensions": {
        "dataset": [],
        "series": [
          { "id": "MEASURE", "name": "Measure", "keyPosition": 0, "roles": [], "values": [{ "id": "1", "name": "Index Numbers" }] },
          { "id": "INDEX", "name": "Index", "keyPosition": 1, "roles": [], "values": [{ "id": "10001", "name": "All groups CPI" }] },
          { "id": "TSEST", "name": "Adjustment Type", "keyPosition": 2, "roles": [], "values": [{ "id": "10", "name": "Original" }] },
          { "id": "REGION", "name": "Region", "keyPosition": 3, "roles": [], "values": [{ "id": "50", "name": "Weighted average of eight capital cities" }] },
          { "id": "FREQ", "name": "Frequency", "keyPosition": 4, "roles": ["FREQ"], "values": [{ "id": "Q", "name": "Quarterly" }] }
        ],
        "observation": [
          {
            "id": "TIME_PERIOD",
            "name": "Time Period",
            "roles": ["TIME_PERIOD"],
            "values": [
                  { "start": "2012-01-01T00:00:00", "end": "2012-03-31T23:59:59", "id": "2012-Q1", "name": "2012-Q1" },
                  { "start": "2012-04-01T00:00:00", "end": "2012-06-30T23:59:59", "id": "2012-Q2", "name": "2012-Q2" },
                  { "start": "2012-07-01T00:00:00", "end": "2012-09-30T23:59:59", "id": "2012-Q3", "name": "2012-Q3" },
                  { "start": "2012-10-01T00:00:00", "end": "2012-12-31T23:59:59", "id": "2012-Q4", "name": "2012-Q4" },
                  { "start": "2013-01-01T00:00:00", "end": "2013-03-31T23:59:59", "id": "2013-Q1", "name": "2013-Q1" },
                  { "start": "2013-04-01T00:00:00", "end": "2013-06-30T23:59:59", "id": "2013-Q2", "name": "2013-Q2" },
                  { "start": "2013-07-01T00:00:00", "end": "2013-09-30T23:59:59", "id": "2013-Q3", "name": "2013-Q3" },
                  { "start": "2013-10-01T00:00:00", "end": "2013-12-31T23:59:59", "id": "2013-Q4", "name": "2013-Q4" },
                  { "start": "2014-01-01T00:00:00", "end": "2014-03-31T23:59:59", "id": "2014-Q1", "name": "2014-Q1" },
                  { "start": "2014-04-01T00:00:00", "end": "2014-06-30T23:59:59", "id": "2014-Q2", "name": "2014-Q2" },
                  { "start": "2014-07-01T00:00:00", "end": "2014-09-30T23:59:59", "id": "2014-Q3", "name": "2014-Q3" },
                  { "start": "2014-10-01T00:00:00", "end": "2014-12-31T23:59:59", "id": "2014-Q4", "name": "2014-Q4" },
                  { "start": "2015-01-01T00:00:00", "end": "2015-03-31T23:59:59", "id": "2015-Q1", "name": "2015-Q1" },
                  { "start": "2015-04-01T00:00:00", "end": "2015-06-30T23:59:59", "id": "2015-Q2", "name": "2015-Q2" },
                  { "start": "2015-07-01T00:00:00", "end": "2015-09-30T23:59:59", "id": "2015-Q3", "name": "2015-Q3" },
                  { "start": "2015-10-01T00:00:00", "end": "2015-12-31T23:59:59", "id": "2015-Q4", "name": "2015-Q4" },
                  { "start": "2016-01-01T00:00:00", "end": "2016-03-31T23:59:59", "id": "2016-Q1", "name": "2016-Q1" },
                  { "start": "2016-04-01T00:00:00", "end": "2016-06-30T23:59:59", "id": "2016-Q2", "name": "2016-Q2" },
                  { "start": "2016-07-01T00:00:00", "end": "2016-09-30T23:59:59", "id": "2016-Q3", "name": "2016-Q3" },
                  { "start": "2016-10-01T00:00:00", "end": "2016-12-31T23:59:59", "id": "2016-Q4", "name": "2016-Q4" },
                  { "start": "2017-01-01T00:00:00", "end": "2017-03-31T23:59:59", "id": "2017-Q1", "name": "2017-Q1" },
                  { "start": "2017-04-01T00:00:00", "end": "2017-06-30T23:59:59", "id": "2017-Q2", "name": "2017-Q2" },
                  { "start": "2017-07-01T00:00:00", "end": "2017-09-30T23:59:59", "id": "2017-Q3", "name": "2017-Q3" },
                  { "start": "2017-10-01T00:00:00", "end": "2017-12-31T23:59:59", "id": "2017-Q4", "name": "2017-Q4" },
                  { "start": "2018-01-01T00:00:00", "end": "2018-03-31T23:59:59", "id": "2018-Q1", "name": "2018-Q1" },
                  { "start": "2018-04-01T00:00:00", "end": "2018-06-30T23:59:59", "id": "2018-Q2", "name": "2018-Q2" },
                  { "start": "2018-07-01T00:00:00", "end": "2018-09-30T23:59:59", "id": "2018-Q3", "name": "2018-Q3" },
                  { "start": "2018-10-01T00:00:00", "end": "2018-12-31T23:59:59", "id": "2018-Q4", "name": "2018-Q4" },
                  { "start": "2019-01-01T00:00:00", "end": "2019-03-31T23:59:59", "id": "2019-Q1", "name": "2019-Q1" },
                  { "start": "2019-04-01T00:00:00", "end": "2019-06-30T23:59:59", "id": "2019-Q2", "name": "2019-Q2" },
                  { "start": "2019-07-01T00:00:00", "end": "2019-09-30T23:59:59", "id": "2019-Q3", "name": "2019-Q3" },
                  { "start": "2019-10-01T00:00:00", "end": "2019-12-31T23:59:59", "id": "2019-Q4", "name": "2019-Q4" },
                  { "start": "2020-01-01T00:00:00", "end": "2020-03-31T23:59:59", "id": "2020-Q1", "name": "2020-Q1" },
                  { "start": "2020-04-01T00:00:00", "end": "2020-06-30T23:59:59", "id": "2020-Q2", "name": "2020-Q2" },
                  { "start": "2020-07-01T00:00:00", "end": "2020-09-30T23:59:59", "id": "2020-Q3", "name": "2020-Q3" },
                  { "start": "2020-10-01T00:00:00", "end": "2020-12-31T23:59:59", "id": "2020-Q4", "name": "2020-Q4" },
                  { "start": "2021-01-01T00:00:00", "end": "2021-03-31T23:59:59", "id": "2021-Q1", "name": "2021-Q1" },
                  { "start": "2021-04-01T00:00:00", "end": "2021-06-30T23:59:59", "id": "2021-Q2", "name": "2021-Q2" },
                  { "start": "2021-07-01T00:00:00", "end": "2021-09-30T23:59:59", "id": "2021-Q3", "name": "2021-Q3" },
                  { "start": "2021-10-01T00:00:00", "end": "2021-12-31T23:59:59", "id": "2021-Q4", "name": "2021-Q4" },
                  { "start": "2022-01-01T00:00:00", "end": "2022-03-31T23:59:59", "id": "2022-Q1", "name": "2022-Q1" },
                  { "start": "2022-04-01T00:00:00", "end": "2022-06-30T23:59:59", "id": "2022-Q2", "name": "2022-Q2" },
                  { "start": "2022-07-01T00:00:00", "end": "2022-09-30T23:59:59", "id": "2022-Q3", "name": "2022-Q3" },
                  { "start": "2022-10-01T00:00:00", "end": "2022-12-31T23:59:59", "id": "2022-Q4", "name": "2022-Q4" },
                  { "start": "2023-01-01T00:00:00", "end": "2023-03-31T23:59:59", "id": "2023-Q1", "name": "2023-Q1" },
                  { "start": "2023-04-01T00:00:00", "end": "2023-06-30T23:59:59", "id": "2023-Q2", "name": "2023-Q2" }
            ]
          }
        ]
      },
      "attributes": {
        "dataSet": [],
        "series": [
          { "id": "UNIT_MEASURE", "name": "Unit of Measure", "roles": [], "relationship": { "dimensions": ["MEASURE", "INDEX", "TSEST", "REGION", "FREQ"] }, "values": [{ "id": "IN", "name": "Index Numbers" }] },
          { "id": "BASE_PERIOD", "name": "Base Period", "roles": [], "relationship": { "dimensions": ["MEASURE", "INDEX", "TSEST", "REGION", "FREQ"] }, "values": [{ "id": "2011-12", "name": "2011-12" }] }
        ],
        "observation": [
          { "id": "OBS_STATUS", "name": "Observation Status", "roles": [], "relationship": { "primaryMeasure": "OBS_VALUE" }, "values": [] }
        ]
      },
      "annotations": [
        { "title": "Consumer Price Index", "type": "NonProductionDataflow" }
      ]
    }
  }
}
""";
}

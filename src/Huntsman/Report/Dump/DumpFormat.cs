namespace Huntsman.Report.Dump;

/// <summary>What `huntsman dump` writes.</summary>
public enum DumpFormat { Jsonl, Xml, Csv }

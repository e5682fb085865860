export interface AppMetaTable {
  key: string;
  value: string;
}

export interface SystemTables {
  app_meta: AppMetaTable;
}

(window.ForgeSearchData=window.ForgeSearchData||{})["manifest"]={"v":2,"docs":3,"shards":[["","data/search/s0.4b00769e5f.js"]],"texts":[[0,"data/search/x0.8907943bab.js"]]};

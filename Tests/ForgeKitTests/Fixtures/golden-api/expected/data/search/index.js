(window.ForgeSearchData=window.ForgeSearchData||{})["manifest"]={"v":2,"docs":18,"shards":[["","data/search/s0.be245e9b5f.js"]],"texts":[[0,"data/search/x0.863fb3bbd9.js"]]};
